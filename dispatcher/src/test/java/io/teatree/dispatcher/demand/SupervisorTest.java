package io.teatree.dispatcher.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.teatree.dispatcher.leader.Leadership;
import io.teatree.dispatcher.podclass.PodClass;
import io.teatree.dispatcher.podclass.PodClasses;
import io.teatree.protocol.ModelId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisorTest {

    private static final ModelId SALES = ModelId.of("sales");
    private static final ModelId GHOST = ModelId.of("ghost");

    private final Map<ModelId, String> registered = new ConcurrentHashMap<>(Map.of(SALES, "large"));
    private final Map<ModelId, String> statuses = new ConcurrentHashMap<>();
    private final Map<ModelId, Long> pending = new ConcurrentHashMap<>();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean leader = new AtomicBoolean(true);
    private final MutableClock clock = new MutableClock();
    private RecordingPlacement placement;
    private final Supervisor supervisor = new Supervisor(listener -> placement = new RecordingPlacement(listener), directory(),
            () -> Map.copyOf(pending), (model, code, crashes, retryIn) -> events.add(model + " crashloop " + code + " " + crashes),
            leadership(), podClasses(), new CrashBackoff(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMinutes(1)), 3,
            Duration.ofMinutes(2), clock);

    @AfterEach
    void close() {
        supervisor.close();
    }

    @Test
    void concurrentEnsuresStartOneManagerWithTheModelsPodClass() throws Exception {
        int threads = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<EnsureResult>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return supervisor.demand(SALES);
            }));
        }
        go.countDown();
        List<EnsureResult> outcomes = new ArrayList<>();
        for (var r : results) {
            outcomes.add(r.get());
        }
        pool.shutdown();
        assertThat(placement.calls).containsExactly("start sales large");
        assertThat(outcomes.stream().filter(o -> o == EnsureResult.STARTED)).hasSize(1);
        assertThat(outcomes.stream().filter(o -> o == EnsureResult.ALREADY_RUNNING)).hasSize(threads - 1);
    }

    @Test
    void unregisteredModelsAndFollowersStartNothing() {
        assertThat(supervisor.demand(GHOST)).isEqualTo(EnsureResult.UNKNOWN_MODEL);
        leader.set(false);
        assertThat(supervisor.demand(SALES)).isEqualTo(EnsureResult.NOT_LEADER);
        supervisor.reconcile();
        assertThat(placement.calls).isEmpty();
    }

    @Test
    void reconcileStartsEveryModelWithPendingIntents() {
        pending.put(SALES, 3L);
        supervisor.reconcile();
        assertThat(placement.calls).containsExactly("start sales large");
        supervisor.reconcile();
        assertThat(placement.calls).containsExactly("start sales large");
    }

    @Test
    void reconcileStopsAManagerIdleLongerThanTheTimeoutAndRemovesStrays() {
        supervisor.demand(SALES);
        registered.put(GHOST, "small");
        supervisor.demand(GHOST);
        registered.remove(GHOST);

        clock.advance(Duration.ofMinutes(1));
        supervisor.reconcile();
        assertThat(placement.calls).containsExactly("start sales large", "start ghost small", "remove ghost");

        pending.put(SALES, 1L);
        clock.advance(Duration.ofMinutes(2));
        supervisor.reconcile();
        assertThat(placement.calls).doesNotContain("stop sales");

        pending.clear();
        clock.advance(Duration.ofMinutes(1));
        supervisor.reconcile();
        assertThat(placement.calls).doesNotContain("stop sales");
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        supervisor.reconcile();
        assertThat(placement.calls).endsWith("stop sales");
    }

    @Test
    void reconcilePublishesThePendingIntentsAndRunningManagersItSawAndNothingWhileNotLeading() {
        List<Workload> seen = Collections.synchronizedList(new ArrayList<>());
        supervisor.onWorkload(seen::add);
        assertThat(supervisor.workload()).isEqualTo(Workload.NONE);

        pending.put(SALES, 3L);
        pending.put(GHOST, 2L);
        supervisor.reconcile();
        assertThat(supervisor.workload().pending()).isEqualTo(Map.of(SALES, 3L, GHOST, 2L));
        assertThat(supervisor.workload().pendingTotal()).isEqualTo(5);
        assertThat(supervisor.workload().runningManagers()).isEqualTo(1);

        pending.clear();
        clock.advance(Duration.ofMinutes(3));
        supervisor.reconcile();
        assertThat(placement.calls).endsWith("stop sales");
        assertThat(supervisor.workload()).isEqualTo(new Workload(Map.of(), 0));

        pending.put(SALES, 1L);
        leader.set(false);
        supervisor.reconcile();
        assertThat(supervisor.workload()).isEqualTo(Workload.NONE);
        assertThat(seen).hasSize(3).last().isEqualTo(Workload.NONE);
    }

    @Test
    void crashesRestartWithBackoffAndRepeatedCrashesMeanCrashloop() {
        supervisor.demand(SALES);
        placement.crash(SALES, 3, Duration.ofSeconds(1));
        assertThat(supervisor.ensure(SALES)).isEqualTo(EnsureResult.BACKING_OFF);
        clock.advance(Duration.ofMillis(60));
        await().atMost(Duration.ofSeconds(5)).until(() -> placement.calls.size() == 2);
        assertThat(statuses).doesNotContainKey(SALES);

        placement.crash(SALES, 3, Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(110));
        await().atMost(Duration.ofSeconds(5)).until(() -> placement.calls.size() == 3);
        placement.crash(SALES, 3, Duration.ofSeconds(1));
        assertThat(statuses).containsEntry(SALES, Supervisor.CRASHLOOP);
        assertThat(events).containsExactly("sales crashloop 3 3");
        assertThat(supervisor.crashes(SALES)).isEqualTo(3);

        clock.advance(Duration.ofMillis(210));
        await().atMost(Duration.ofSeconds(5)).until(() -> placement.calls.size() == 4);
        placement.listener.exited(SALES, 0, Duration.ofMinutes(3));
        assertThat(statuses).containsEntry(SALES, Supervisor.IDLE);
        assertThat(supervisor.crashes(SALES)).isZero();
    }

    private ModelDirectory directory() {
        return new ModelDirectory() {
            @Override
            public Optional<String> podClassOf(ModelId model) {
                return Optional.ofNullable(registered.get(model));
            }

            @Override
            public Set<ModelId> registered(Collection<ModelId> models) {
                return models.stream().filter(registered::containsKey).collect(Collectors.toSet());
            }

            @Override
            public void setStatus(ModelId model, String status) {
                statuses.put(model, status);
            }
        };
    }

    private Leadership leadership() {
        return new Leadership() {
            @Override
            public boolean isLeader() {
                return leader.get();
            }

            @Override
            public void close() {
                leader.set(false);
            }
        };
    }

    private static PodClasses podClasses() {
        return new PodClasses(Map.of("small", new PodClass("small", 2, "2Gi", "10Gi"), "large", new PodClass("large", 8, "16Gi", "100Gi")));
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
