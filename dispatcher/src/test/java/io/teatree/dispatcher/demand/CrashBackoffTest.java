package io.teatree.dispatcher.demand;

import static org.assertj.core.api.Assertions.assertThat;

import io.teatree.protocol.ModelId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CrashBackoffTest {

    private final CrashBackoff backoff = new CrashBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1));
    private final ModelId model = ModelId.of("m");
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void delaysDoubleUpToTheMaximum() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(500)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void crashesInARowCountUpAndAHealthyRunStartsAgain() {
        backoff.crashed(model, Duration.ofSeconds(1), now);
        CrashBackoff.Crashes second = backoff.crashed(model, Duration.ofSeconds(1), now);
        assertThat(second.count()).isEqualTo(2);
        assertThat(second.retryAt()).isEqualTo(now.plusSeconds(2));
        assertThat(backoff.waiting(model, now.plusSeconds(1))).isTrue();
        assertThat(backoff.waiting(model, now.plusSeconds(2))).isFalse();

        assertThat(backoff.crashed(model, Duration.ofMinutes(5), now).count()).isEqualTo(1);
        assertThat(backoff.clear(model)).isTrue();
        assertThat(backoff.count(model)).isZero();
    }
}
