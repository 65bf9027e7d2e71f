package io.teatree.dispatcher.demand;

import io.quarkus.logging.Log;
import io.teatree.dispatcher.leader.Leadership;
import io.teatree.dispatcher.placement.ExitListener;
import io.teatree.dispatcher.placement.ManagerSpec;
import io.teatree.dispatcher.placement.Placement;
import io.teatree.dispatcher.placement.PlacementInfo;
import io.teatree.dispatcher.podclass.PodClasses;
import io.teatree.dispatcher.telemetry.ModelMdc;
import io.teatree.protocol.ModelId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keeps a manager running for every model with work and none for a model without (DESIGN §1, §7).
 * {@link #demand} reacts to one intent, {@link #reconcile} compares pending intents with placements, and
 * crashes restart with exponential backoff, turning the model's status to {@code crashloop} when they go on.
 * Thread-safe: {@link #ensure} holds a lock per model, so concurrent calls start one manager. Log lines
 * about one model carry it in the MDC ({@link ModelMdc}).
 */
public final class Supervisor implements AutoCloseable {

    /** Model status while its manager keeps crashing. */
    public static final String CRASHLOOP = "crashloop";
    /** Model status once a crash-looping manager recovered. */
    public static final String IDLE = "idle";

    private static final Duration MIN_RETRY = Duration.ofMillis(10);

    private final Placement placement;
    private final ModelDirectory models;
    private final PendingWork work;
    private final ManagerEvents events;
    private final Leadership leadership;
    private final PodClasses podClasses;
    private final CrashBackoff backoff;
    private final int crashloopAfter;
    private final Duration idleTimeout;
    private final Clock clock;
    private final ConcurrentMap<ModelId, Object> locks = new ConcurrentHashMap<>();
    private final ConcurrentMap<ModelId, Instant> lastDemand = new ConcurrentHashMap<>();
    private final Set<ModelId> crashlooping = ConcurrentHashMap.newKeySet();
    private final Set<ModelId> reportedUnknown = ConcurrentHashMap.newKeySet();
    private final AtomicLong starts = new AtomicLong();
    private final AtomicLong stops = new AtomicLong();
    private final AtomicLong crashes = new AtomicLong();
    private volatile Workload workload = Workload.NONE;
    private final List<Consumer<Workload>> workloadListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "teatree-restarts");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param placements     makes the placement, given the listener it must report exits to
     * @param crashloopAfter crashes in a row after which the model is {@code crashloop}
     * @param idleTimeout    a running manager without pending intents and without demand this long is stopped
     */
    public Supervisor(Function<ExitListener, Placement> placements, ModelDirectory models, PendingWork work, ManagerEvents events,
                      Leadership leadership, PodClasses podClasses, CrashBackoff backoff, int crashloopAfter,
                      Duration idleTimeout, Clock clock) {
        this.models = models;
        this.work = work;
        this.events = events;
        this.leadership = leadership;
        this.podClasses = podClasses;
        this.backoff = backoff;
        this.crashloopAfter = crashloopAfter;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
        this.placement = placements.apply(this::exited);
    }

    /** An intent for {@code model} was seen: make sure its manager runs. */
    public EnsureResult demand(ModelId model) {
        lastDemand.put(model, clock.instant());
        return ensure(model);
    }

    /** Starts the model's manager unless it runs, is backing off, is unknown, or this replica does not lead. */
    public EnsureResult ensure(ModelId model) {
        if (!leadership.isLeader()) {
            return EnsureResult.NOT_LEADER;
        }
        synchronized (locks.computeIfAbsent(model, m -> new Object())) {
            Optional<PlacementInfo> current = placement.find(model);
            if (current.isPresent() && current.get().state().active()) {
                return EnsureResult.ALREADY_RUNNING;
            }
            if (backoff.waiting(model, clock.instant())) {
                return EnsureResult.BACKING_OFF;
            }
            Optional<String> podClass = models.podClassOf(model);
            if (podClass.isEmpty()) {
                if (reportedUnknown.add(model)) {
                    Log.warnf("intents for %s, which is not registered in goal_model: no manager started", model);
                }
                return EnsureResult.UNKNOWN_MODEL;
            }
            reportedUnknown.remove(model);
            lastDemand.putIfAbsent(model, clock.instant());
            placement.start(new ManagerSpec(model, podClasses.orDefault(podClass.get())));
            starts.incrementAndGet();
            return EnsureResult.STARTED;
        }
    }

    /**
     * One pass of the reconcile loop: every model with pending intents gets a manager; a running manager
     * idle longer than the idle timeout is stopped; a placement of an unregistered model is removed.
     */
    public void reconcile() {
        if (!leadership.isLeader()) {
            publish(Workload.NONE);
            return;
        }
        Instant now = clock.instant();
        Map<ModelId, Long> pending = work.pending();
        pending.forEach((model, count) -> {
            if (count > 0) {
                lastDemand.put(model, now);
                try (ModelMdc mdc = ModelMdc.of(model)) {
                    ensureOrWarn(model);
                }
            }
        });
        List<PlacementInfo> placements = placement.list();
        Set<ModelId> registered = placements.isEmpty() ? Set.of() : models.registered(placements.stream().map(PlacementInfo::model).toList());
        int running = 0;
        for (PlacementInfo info : placements) {
            ModelId model = info.model();
            synchronized (locks.computeIfAbsent(model, m -> new Object())) {
                try (ModelMdc mdc = ModelMdc.of(model)) {
                    if (!registered.contains(model)) {
                        Log.infof("removing the placement of %s: the model is not registered", model);
                        placement.remove(model);
                    } else if (info.state().active() && pending.getOrDefault(model, 0L) == 0
                            && idleSince(model, info).plus(idleTimeout).isBefore(now)) {
                        Log.infof("stopping the manager of %s: idle since %s", model, idleSince(model, info));
                        placement.stop(model);
                        stops.incrementAndGet();
                    } else if (info.state().active()) {
                        running++;
                    }
                }
            }
        }
        publish(new Workload(pending, running));
    }

    private void ensureOrWarn(ModelId model) {
        try {
            ensure(model);
        } catch (RuntimeException e) {
            Log.warnf("cannot start the manager of %s now, retrying next round: %s", model, e.getMessage());
        }
    }

    private void publish(Workload seen) {
        workload = seen;
        for (Consumer<Workload> listener : workloadListeners) {
            try {
                listener.accept(seen);
            } catch (RuntimeException e) {
                Log.errorf(e, "a workload listener failed");
            }
        }
    }

    /**
     * Tells {@code listener} what every later reconcile pass saw, on the reconciling thread; it must return
     * quickly. {@link Workload#NONE} while this replica does not lead.
     */
    public void onWorkload(Consumer<Workload> listener) {
        workloadListeners.add(listener);
    }

    private Instant idleSince(ModelId model, PlacementInfo info) {
        Instant demand = lastDemand.get(model);
        return demand == null || demand.isBefore(info.since()) ? info.since() : demand;
    }

    private void exited(ModelId model, int exitCode, Duration ranFor) {
        try (ModelMdc mdc = ModelMdc.of(model)) {
            onExit(model, exitCode, ranFor);
        }
    }

    private void onExit(ModelId model, int exitCode, Duration ranFor) {
        if (exitCode == 0) {
            backoff.clear(model);
            if (crashlooping.remove(model)) {
                status(model, IDLE);
            }
            return;
        }
        Instant now = clock.instant();
        this.crashes.incrementAndGet();
        CrashBackoff.Crashes crashes = backoff.crashed(model, ranFor, now);
        Duration delay = Duration.between(now, crashes.retryAt());
        Log.warnf("manager of %s crashed (exit code %d, crash %d in a row); restarting in %s", model, exitCode, crashes.count(), delay);
        if (crashes.count() >= crashloopAfter) {
            crashlooping.add(model);
            status(model, CRASHLOOP);
            events.crashloop(model, exitCode, crashes.count(), delay);
        } else if (crashes.count() == 1 && crashlooping.remove(model)) {
            status(model, IDLE);
        }
        scheduleRestart(model, delay);
    }

    private void status(ModelId model, String status) {
        try {
            models.setStatus(model, status);
        } catch (RuntimeException e) {
            Log.warnf("cannot set the status of %s to %s: %s", model, status, e.getMessage());
        }
    }

    private void scheduleRestart(ModelId model, Duration delay) {
        if (!restarts.isShutdown()) {
            restarts.schedule(() -> restart(model), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private void restart(ModelId model) {
        try (ModelMdc mdc = ModelMdc.of(model)) {
            try {
                if (ensure(model) == EnsureResult.BACKING_OFF) {
                    Duration left = backoff.retryAt(model).map(at -> Duration.between(clock.instant(), at)).orElse(Duration.ZERO);
                    scheduleRestart(model, left.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : left);
                }
            } catch (RuntimeException e) {
                Log.errorf(e, "cannot restart the manager of %s; the reconcile loop retries", model);
            }
        }
    }

    /** The placement this supervisor drives. */
    public Placement placement() {
        return placement;
    }

    /** Managers started since this supervisor began. */
    public long starts() {
        return starts.get();
    }

    /** Idle managers stopped since this supervisor began. */
    public long stops() {
        return stops.get();
    }

    /** Manager crashes seen since this supervisor began. */
    public long crashesTotal() {
        return crashes.get();
    }

    /** What the last reconcile pass saw; {@link Workload#NONE} before the first and while not leading. */
    public Workload workload() {
        return workload;
    }

    /** Crashes in a row of the model's manager. */
    public int crashes(ModelId model) {
        return backoff.count(model);
    }

    @Override
    public void close() {
        restarts.shutdownNow();
        leadership.close();
        placement.close();
    }
}
