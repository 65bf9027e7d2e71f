package io.teatree.dispatcher.demand;

import static io.teatree.dispatcher.demand.DemandFakes.SALES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The façade: its parts wired to one placement, its counters, and what {@link Supervisor#close} closes. */
class SupervisorTest {

    private final DemandFakes fakes = new DemandFakes();
    private RecordingPlacement placement;
    private final Supervisor supervisor = new Supervisor(listener -> placement = new RecordingPlacement(listener), fakes.directory(),
            fakes.work(), fakes.managerEvents(), fakes.leadership(), DemandFakes.podClasses(),
            new CrashBackoff(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMinutes(1)), 3, Duration.ofMinutes(2), fakes.clock);

    @AfterEach
    void close() {
        supervisor.close();
    }

    @Test
    void demandsReconcilesAndCrashesReachThePlacementAndTheCounters() {
        List<Workload> seen = Collections.synchronizedList(new ArrayList<>());
        supervisor.onWorkload(seen::add);
        assertThat(supervisor.placement()).isSameAs(placement);
        assertThat(supervisor.workload()).isEqualTo(Workload.NONE);

        assertThat(supervisor.demand(SALES)).isEqualTo(EnsureResult.STARTED);
        placement.crash(SALES, 3, Duration.ofSeconds(1));
        assertThat(supervisor.ensure(SALES)).isEqualTo(EnsureResult.BACKING_OFF);
        assertThat(supervisor.crashes(SALES)).isEqualTo(1);
        fakes.clock.advance(Duration.ofMillis(60));
        await().atMost(Duration.ofSeconds(5)).until(() -> placement.calls.size() == 2);

        fakes.pending.put(SALES, 2L);
        supervisor.reconcile();
        assertThat(supervisor.workload()).isEqualTo(new Workload(Map.of(SALES, 2L), 1));
        fakes.pending.clear();
        fakes.clock.advance(Duration.ofMinutes(3));
        supervisor.reconcile();

        assertThat(placement.calls).containsExactly("start sales large", "start sales large", "stop sales");
        assertThat(seen).hasSize(2).last().isEqualTo(new Workload(Map.of(), 0));
        assertThat(supervisor.starts()).isEqualTo(2);
        assertThat(supervisor.stops()).isEqualTo(1);
        assertThat(supervisor.crashesTotal()).isEqualTo(1);
    }

    @Test
    void closeClosesThePlacementAndLeadership() {
        supervisor.close();
        assertThat(placement.calls).containsExactly("close");
        assertThat(fakes.leader).isFalse();
    }
}
