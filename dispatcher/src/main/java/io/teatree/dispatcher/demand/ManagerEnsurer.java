package io.teatree.dispatcher.demand;

import io.quarkus.logging.Log;
import io.teatree.dispatcher.leader.Leadership;
import io.teatree.dispatcher.placement.ManagerSpec;
import io.teatree.dispatcher.placement.Placement;
import io.teatree.dispatcher.placement.PlacementInfo;
import io.teatree.dispatcher.podclass.PodClasses;
import io.teatree.protocol.ModelId;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes sure a manager runs for a model with work: starts it with the model's pod class unless it runs, is
 * backing off after a crash, is not registered, or this replica does not lead. Thread-safe: a call holds the
 * model's lock, so concurrent calls for one model start one manager.
 */
final class ManagerEnsurer {

    private final Placement placement;
    private final ModelDirectory models;
    private final Leadership leadership;
    private final PodClasses podClasses;
    private final CrashBackoff backoff;
    private final ModelLocks locks;
    private final LastDemand lastDemand;
    private final Clock clock;
    private final Set<ModelId> reportedUnknown = ConcurrentHashMap.newKeySet();
    private final AtomicLong starts = new AtomicLong();

    ManagerEnsurer(Placement placement, ModelDirectory models, Leadership leadership, PodClasses podClasses, CrashBackoff backoff,
                   ModelLocks locks, LastDemand lastDemand, Clock clock) {
        this.placement = placement;
        this.models = models;
        this.leadership = leadership;
        this.podClasses = podClasses;
        this.backoff = backoff;
        this.locks = locks;
        this.lastDemand = lastDemand;
        this.clock = clock;
    }

    /** An intent for {@code model} was seen now: records the demand and ensures its manager. */
    EnsureResult demand(ModelId model) {
        lastDemand.seen(model, clock.instant());
        return ensure(model);
    }

    /** Starts the model's manager unless it runs, is backing off, is unknown, or this replica does not lead. */
    EnsureResult ensure(ModelId model) {
        if (!leadership.isLeader()) {
            return EnsureResult.NOT_LEADER;
        }
        synchronized (locks.of(model)) {
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
            lastDemand.seenIfNone(model, clock.instant());
            placement.start(new ManagerSpec(model, podClasses.orDefault(podClass.get())));
            starts.incrementAndGet();
            return EnsureResult.STARTED;
        }
    }

    /** Managers started so far. */
    long starts() {
        return starts.get();
    }
}
