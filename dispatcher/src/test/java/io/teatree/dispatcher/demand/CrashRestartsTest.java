package io.teatree.dispatcher.demand;

import static io.teatree.dispatcher.demand.DemandFakes.SALES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.teatree.protocol.ModelStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CrashRestartsTest {

    @RegisterExtension
    final DemandParts parts = new DemandParts();
    private final DemandFakes fakes = parts.fakes;
    private final RecordingPlacement placement = parts.placement;
    private final CrashRestarts crashRestarts = parts.crashRestarts;

    @Test
    void crashesRestartWithBackoffAndRepeatedCrashesMeanCrashloop() {
        parts.ensurer.demand(SALES);
        placement.crash(SALES, 3, Duration.ofSeconds(1));
        assertThat(parts.ensurer.ensure(SALES)).isEqualTo(EnsureResult.BACKING_OFF);
        fakes.clock.advance(Duration.ofMillis(60));
        await().atMost(Duration.ofSeconds(5)).until(() -> placement.calls.size() == 2);
        assertThat(fakes.statuses).doesNotContainKey(SALES);

        placement.crash(SALES, 3, Duration.ofSeconds(1));
        fakes.clock.advance(Duration.ofMillis(110));
        await().atMost(Duration.ofSeconds(5)).until(() -> placement.calls.size() == 3);
        placement.crash(SALES, 3, Duration.ofSeconds(1));
        assertThat(fakes.statuses).containsEntry(SALES, ModelStatus.CRASHLOOP);
        assertThat(fakes.events).containsExactly("sales crashloop 3 3");
        assertThat(crashRestarts.crashes(SALES)).isEqualTo(3);
        assertThat(crashRestarts.crashes()).isEqualTo(3);

        fakes.clock.advance(Duration.ofMillis(210));
        await().atMost(Duration.ofSeconds(5)).until(() -> placement.calls.size() == 4);
        placement.listener.exited(SALES, 0, Duration.ofMinutes(3));
        assertThat(fakes.statuses).containsEntry(SALES, ModelStatus.IDLE);
        assertThat(crashRestarts.crashes(SALES)).isZero();
        assertThat(crashRestarts.crashes()).as("clean exits are no crashes").isEqualTo(3);
    }

    @Test
    void aCrashAfterAHealthyRunEndsTheCrashloop() {
        parts.ensurer.demand(SALES);
        for (int i = 0; i < 3; i++) {
            placement.crash(SALES, 1, Duration.ofSeconds(1));
        }
        assertThat(fakes.statuses).containsEntry(SALES, ModelStatus.CRASHLOOP);

        placement.crash(SALES, 1, Duration.ofMinutes(5));
        assertThat(crashRestarts.crashes(SALES)).isEqualTo(1);
        assertThat(fakes.statuses).containsEntry(SALES, ModelStatus.IDLE);
    }

    @Test
    void noRestartRunsAfterClose() {
        parts.ensurer.demand(SALES);
        placement.crash(SALES, 3, Duration.ofSeconds(1));
        crashRestarts.close();
        fakes.clock.advance(Duration.ofSeconds(1));
        placement.crash(SALES, 3, Duration.ofSeconds(1));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> placement.calls.size() == 1);
    }
}
