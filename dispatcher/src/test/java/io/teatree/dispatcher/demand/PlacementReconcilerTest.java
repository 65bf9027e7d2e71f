package io.teatree.dispatcher.demand;

import static io.teatree.dispatcher.demand.DemandFakes.GHOST;
import static io.teatree.dispatcher.demand.DemandFakes.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PlacementReconcilerTest {

    @RegisterExtension
    final DemandParts parts = new DemandParts();
    private final DemandFakes fakes = parts.fakes;
    private final PlacementReconciler reconciler = parts.reconciler;
    private final RecordingPlacement placement = parts.placement;

    @Test
    void reconcileStartsEveryModelWithPendingIntents() {
        fakes.pending.put(SALES, 3L);
        reconciler.reconcile();
        assertThat(placement.calls).containsExactly("start sales large");
        reconciler.reconcile();
        assertThat(placement.calls).containsExactly("start sales large");
    }

    @Test
    void followersReconcileNothing() {
        fakes.pending.put(SALES, 3L);
        fakes.leader.set(false);
        reconciler.reconcile();
        assertThat(placement.calls).isEmpty();
    }

    @Test
    void reconcileStopsAManagerIdleLongerThanTheTimeoutAndRemovesStrays() {
        parts.ensurer.demand(SALES);
        fakes.registered.put(GHOST, "small");
        parts.ensurer.demand(GHOST);
        fakes.registered.remove(GHOST);

        fakes.clock.advance(Duration.ofMinutes(1));
        reconciler.reconcile();
        assertThat(placement.calls).containsExactly("start sales large", "start ghost small", "remove ghost");

        fakes.pending.put(SALES, 1L);
        fakes.clock.advance(Duration.ofMinutes(2));
        reconciler.reconcile();
        assertThat(placement.calls).doesNotContain("stop sales");

        fakes.pending.clear();
        fakes.clock.advance(Duration.ofMinutes(1));
        reconciler.reconcile();
        assertThat(placement.calls).doesNotContain("stop sales");
        assertThat(reconciler.stops()).isZero();
        fakes.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        reconciler.reconcile();
        assertThat(placement.calls).endsWith("stop sales");
        assertThat(reconciler.stops()).isEqualTo(1);
    }

    @Test
    void reconcilePublishesThePendingIntentsAndRunningManagersItSawAndNothingWhileNotLeading() {
        WorkloadFeed workload = parts.workload;
        List<Workload> seen = Collections.synchronizedList(new ArrayList<>());
        workload.subscribe(seen::add);
        assertThat(workload.last()).isEqualTo(Workload.NONE);

        fakes.pending.put(SALES, 3L);
        fakes.pending.put(GHOST, 2L);
        reconciler.reconcile();
        assertThat(workload.last().pending()).isEqualTo(Map.of(SALES, 3L, GHOST, 2L));
        assertThat(workload.last().pendingTotal()).isEqualTo(5);
        assertThat(workload.last().runningManagers()).isEqualTo(1);

        fakes.pending.clear();
        fakes.clock.advance(Duration.ofMinutes(3));
        reconciler.reconcile();
        assertThat(placement.calls).endsWith("stop sales");
        assertThat(workload.last()).isEqualTo(new Workload(Map.of(), 0));

        fakes.pending.put(SALES, 1L);
        fakes.leader.set(false);
        reconciler.reconcile();
        assertThat(workload.last()).isEqualTo(Workload.NONE);
        assertThat(seen).hasSize(3).last().isEqualTo(Workload.NONE);
    }
}
