package io.teatree.dispatcher.demand;

import static io.teatree.dispatcher.demand.DemandFakes.GHOST;
import static io.teatree.dispatcher.demand.DemandFakes.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ManagerEnsurerTest {

    @RegisterExtension
    final DemandParts parts = new DemandParts();
    private final DemandFakes fakes = parts.fakes;
    private final ManagerEnsurer ensurer = parts.ensurer;

    @Test
    void concurrentEnsuresStartOneManagerWithTheModelsPodClass() throws Exception {
        int threads = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<EnsureResult>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return ensurer.demand(SALES);
            }));
        }
        go.countDown();
        List<EnsureResult> outcomes = new ArrayList<>();
        for (var r : results) {
            outcomes.add(r.get());
        }
        pool.shutdown();
        assertThat(parts.placement.calls).containsExactly("start sales large");
        assertThat(outcomes.stream().filter(o -> o == EnsureResult.STARTED)).hasSize(1);
        assertThat(outcomes.stream().filter(o -> o == EnsureResult.ALREADY_RUNNING)).hasSize(threads - 1);
        assertThat(ensurer.starts()).isEqualTo(1);
    }

    @Test
    void unregisteredModelsAndFollowersStartNothing() {
        assertThat(ensurer.demand(GHOST)).isEqualTo(EnsureResult.UNKNOWN_MODEL);
        fakes.leader.set(false);
        assertThat(ensurer.demand(SALES)).isEqualTo(EnsureResult.NOT_LEADER);
        assertThat(parts.placement.calls).isEmpty();
        assertThat(ensurer.starts()).isZero();
    }
}
