package io.teatree.dispatcher.demand;

import io.quarkus.logging.Log;
import io.teatree.dispatcher.placement.ExitListener;
import io.teatree.service.log.ModelMdc;
import io.teatree.protocol.ModelId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Handles a manager's exit: a clean one forgets its crashes; a crash is counted in the {@link CrashBackoff}
 * and the manager restarted after its delay, and once {@code crashloopAfter} crashes come in a row the model
 * is {@code crashloop} ({@link StatusWriter}). Thread-safe; restarts run on a daemon thread of their own
 * until {@link #close()}.
 */
final class CrashRestarts implements ExitListener, AutoCloseable {

    private static final Duration MIN_RETRY = Duration.ofMillis(10);

    private final CrashBackoff backoff;
    private final StatusWriter status;
    private final int crashloopAfter;
    private final Clock clock;
    private final Function<ModelId, EnsureResult> ensure;
    private final AtomicLong crashes = new AtomicLong();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "teatree-restarts");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param crashloopAfter crashes in a row after which the model is {@code crashloop}
     * @param ensure         starts the model's manager again (what {@link ManagerEnsurer#ensure} does)
     */
    CrashRestarts(CrashBackoff backoff, StatusWriter status, int crashloopAfter, Clock clock, Function<ModelId, EnsureResult> ensure) {
        this.backoff = backoff;
        this.status = status;
        this.crashloopAfter = crashloopAfter;
        this.clock = clock;
        this.ensure = ensure;
    }

    @Override
    public void exited(ModelId model, int exitCode, Duration ranFor) {
        try (ModelMdc mdc = ModelMdc.of(model)) {
            onExit(model, exitCode, ranFor);
        }
    }

    private void onExit(ModelId model, int exitCode, Duration ranFor) {
        if (exitCode == 0) {
            backoff.clear(model);
            status.recovered(model);
            return;
        }
        Instant now = clock.instant();
        this.crashes.incrementAndGet();
        CrashBackoff.Crashes crashes = backoff.crashed(model, ranFor, now);
        Duration delay = Duration.between(now, crashes.retryAt());
        Log.warnf("manager of %s crashed (exit code %d, %s; crash %d in a row); restarting in %s", model, exitCode,
                io.teatree.protocol.ManagerExit.reasonOf(exitCode), crashes.count(), delay);
        if (crashes.count() >= crashloopAfter) {
            status.crashloop(model, exitCode, crashes.count(), delay);
        } else if (crashes.count() == 1) {
            status.recovered(model);
        }
        scheduleRestart(model, delay);
    }

    private void scheduleRestart(ModelId model, Duration delay) {
        if (!restarts.isShutdown()) {
            restarts.schedule(() -> restart(model), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private void restart(ModelId model) {
        try (ModelMdc mdc = ModelMdc.of(model)) {
            try {
                if (ensure.apply(model) == EnsureResult.BACKING_OFF) {
                    Duration left = backoff.retryAt(model).map(at -> Duration.between(clock.instant(), at)).orElse(Duration.ZERO);
                    scheduleRestart(model, left.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : left);
                }
            } catch (RuntimeException e) {
                Log.errorf(e, "cannot restart the manager of %s; the reconcile loop retries", model);
            }
        }
    }

    /** Manager crashes seen so far. */
    long crashes() {
        return crashes.get();
    }

    /** Crashes in a row of the model's manager. */
    int crashes(ModelId model) {
        return backoff.count(model);
    }

    /** Cancels the restarts not yet run. */
    @Override
    public void close() {
        restarts.shutdownNow();
    }
}
