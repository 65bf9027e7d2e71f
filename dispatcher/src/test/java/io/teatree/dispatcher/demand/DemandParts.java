package io.teatree.dispatcher.demand;

import io.teatree.protocol.ModelId;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.time.Duration;

/**
 * The demand parts composed as {@link Supervisor} composes them, over {@link DemandFakes} and a
 * {@link RecordingPlacement}: backoff 50 ms doubling up to 200 ms, crashloop after 3 crashes, idle timeout
 * 2 minutes.
 */
final class DemandParts implements AutoCloseable, AfterEachCallback {

    final DemandFakes fakes = new DemandFakes();
    final CrashBackoff backoff = new CrashBackoff(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMinutes(1));
    final WorkloadFeed workload = new WorkloadFeed();
    final CrashRestarts crashRestarts;
    final RecordingPlacement placement;
    final ManagerEnsurer ensurer;
    final PlacementReconciler reconciler;

    DemandParts() {
        ModelLocks locks = new ModelLocks();
        LastDemand lastDemand = new LastDemand();
        crashRestarts = new CrashRestarts(backoff, new StatusWriter(fakes.directory(), fakes.managerEvents()), 3, fakes.clock, this::restart);
        placement = new RecordingPlacement(crashRestarts);
        ensurer = new ManagerEnsurer(placement, fakes.directory(), fakes.leadership(), DemandFakes.podClasses(), backoff, locks, lastDemand,
                fakes.clock);
        reconciler = new PlacementReconciler(placement, fakes.directory(), fakes.work(), fakes.leadership(), ensurer, locks, lastDemand,
                workload, Duration.ofMinutes(2), fakes.clock);
    }

    private EnsureResult restart(ModelId model) {
        return ensurer.ensure(model);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        crashRestarts.close();
    }
}
