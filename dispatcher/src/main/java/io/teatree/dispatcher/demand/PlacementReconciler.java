package io.teatree.dispatcher.demand;

import io.quarkus.logging.Log;
import io.teatree.dispatcher.leader.Leadership;
import io.teatree.dispatcher.placement.Placement;
import io.teatree.dispatcher.placement.PlacementInfo;
import io.teatree.service.log.ModelMdc;
import io.teatree.protocol.ModelId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reconciles placements against demand, one pass at a time ({@link Reconciler} schedules the passes): every
 * model with pending intents gets a manager; a running manager idle longer than the idle timeout is stopped;
 * a placement of an unregistered model is removed. Each pass publishes what it saw to a {@link WorkloadFeed}.
 * Thread-safe: changes to one model's placement hold the model's lock.
 */
final class PlacementReconciler {

    private final Placement placement;
    private final ModelDirectory models;
    private final PendingWork work;
    private final Leadership leadership;
    private final ManagerEnsurer ensurer;
    private final ModelLocks locks;
    private final LastDemand lastDemand;
    private final WorkloadFeed workload;
    private final Duration idleTimeout;
    private final Clock clock;
    private final AtomicLong stops = new AtomicLong();

    PlacementReconciler(Placement placement, ModelDirectory models, PendingWork work, Leadership leadership, ManagerEnsurer ensurer,
                        ModelLocks locks, LastDemand lastDemand, WorkloadFeed workload, Duration idleTimeout, Clock clock) {
        this.placement = placement;
        this.models = models;
        this.work = work;
        this.leadership = leadership;
        this.ensurer = ensurer;
        this.locks = locks;
        this.lastDemand = lastDemand;
        this.workload = workload;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** One pass; on a replica that does not lead it only publishes {@link Workload#NONE}. */
    void reconcile() {
        if (!leadership.isLeader()) {
            workload.publish(Workload.NONE);
            return;
        }
        Instant now = clock.instant();
        Map<ModelId, Long> pending = work.pending();
        pending.forEach((model, count) -> {
            if (count > 0) {
                lastDemand.seen(model, now);
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
            synchronized (locks.of(model)) {
                try (ModelMdc mdc = ModelMdc.of(model)) {
                    if (!registered.contains(model)) {
                        Log.infof("removing the placement of %s: the model is not registered", model);
                        placement.remove(model);
                    } else if (info.state().active() && pending.getOrDefault(model, 0L) == 0
                            && lastDemand.idleSince(info).plus(idleTimeout).isBefore(now)) {
                        Log.infof("stopping the manager of %s: idle since %s", model, lastDemand.idleSince(info));
                        placement.stop(model);
                        stops.incrementAndGet();
                    } else if (info.state().active()) {
                        running++;
                    }
                }
            }
        }
        workload.publish(new Workload(pending, running));
    }

    private void ensureOrWarn(ModelId model) {
        try {
            ensurer.ensure(model);
        } catch (RuntimeException e) {
            Log.warnf("cannot start the manager of %s now, retrying next round: %s", model, e.getMessage());
        }
    }

    /** Idle managers stopped so far. */
    long stops() {
        return stops.get();
    }
}
