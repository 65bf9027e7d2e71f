package io.teatree.dispatcher.demand;

import io.teatree.dispatcher.leader.Leadership;
import io.teatree.dispatcher.placement.ExitListener;
import io.teatree.dispatcher.placement.Placement;
import io.teatree.dispatcher.podclass.PodClasses;
import io.teatree.protocol.ModelId;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keeps a manager running for every model with work and none for a model without (docs/design.md, the path of one intent, §7). A façade
 * over the parts that do it: {@link #demand} and {@link #ensure} start a manager ({@link ManagerEnsurer}),
 * {@link #reconcile} compares pending intents with placements ({@link PlacementReconciler}), and crashes
 * restart with exponential backoff ({@link CrashRestarts}), turning the model's status to {@code crashloop}
 * when they go on ({@link StatusWriter}). Thread-safe: an ensure holds a lock per model, so concurrent calls
 * start one manager. Log lines about one model carry it in the MDC.
 */
public final class Supervisor implements AutoCloseable {

    private final Placement placement;
    private final Leadership leadership;
    private final CrashRestarts crashRestarts;
    private final ManagerEnsurer ensurer;
    private final WorkloadFeed workload = new WorkloadFeed();
    private final PlacementReconciler reconciler;

    /**
     * @param placements     makes the placement, given the listener it must report exits to
     * @param crashloopAfter crashes in a row after which the model is {@code crashloop}
     * @param idleTimeout    a running manager without pending intents and without demand this long is stopped
     */
    public Supervisor(Function<ExitListener, Placement> placements, ModelDirectory models, PendingWork work, ManagerEvents events,
                      Leadership leadership, PodClasses podClasses, CrashBackoff backoff, int crashloopAfter,
                      Duration idleTimeout, Clock clock) {
        ModelLocks locks = new ModelLocks();
        LastDemand lastDemand = new LastDemand();
        this.leadership = leadership;
        this.crashRestarts = new CrashRestarts(backoff, new StatusWriter(models, events), crashloopAfter, clock, this::ensure);
        this.placement = placements.apply(crashRestarts);
        this.ensurer = new ManagerEnsurer(placement, models, leadership, podClasses, backoff, locks, lastDemand, clock);
        this.reconciler = new PlacementReconciler(placement, models, work, leadership, ensurer, locks, lastDemand, workload,
                idleTimeout, clock);
    }

    /** An intent for {@code model} was seen: make sure its manager runs. */
    public EnsureResult demand(ModelId model) {
        return ensurer.demand(model);
    }

    /** Starts the model's manager unless it runs, is backing off, is unknown, or this replica does not lead. */
    public EnsureResult ensure(ModelId model) {
        return ensurer.ensure(model);
    }

    /**
     * One pass of the reconcile loop: every model with pending intents gets a manager; a running manager
     * idle longer than the idle timeout is stopped; a placement of an unregistered model is removed.
     */
    public void reconcile() {
        reconciler.reconcile();
    }

    /**
     * Tells {@code listener} what every later reconcile pass saw, on the reconciling thread; it must return
     * quickly. {@link Workload#NONE} while this replica does not lead.
     */
    public void onWorkload(Consumer<Workload> listener) {
        workload.subscribe(listener);
    }

    /** The placement this supervisor drives. */
    public Placement placement() {
        return placement;
    }

    /** Managers started since this supervisor began. */
    public long starts() {
        return ensurer.starts();
    }

    /** Idle managers stopped since this supervisor began. */
    public long stops() {
        return reconciler.stops();
    }

    /** Manager crashes seen since this supervisor began. */
    public long crashesTotal() {
        return crashRestarts.crashes();
    }

    /** What the last reconcile pass saw; {@link Workload#NONE} before the first and while not leading. */
    public Workload workload() {
        return workload.last();
    }

    /** Crashes in a row of the model's manager. */
    public int crashes(ModelId model) {
        return crashRestarts.crashes(model);
    }

    @Override
    public void close() {
        crashRestarts.close();
        leadership.close();
        placement.close();
    }
}
