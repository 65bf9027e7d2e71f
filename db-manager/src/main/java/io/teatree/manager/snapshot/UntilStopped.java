package io.teatree.manager.snapshot;

import io.smallrye.faulttolerance.api.Guard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;

/**
 * The retry of publishing a version (S3 uploads, the control rows): with backoff from {@link #FIRST_RETRY}
 * doubling to {@link #LONGEST_RETRY}, no limit on retries or their duration and no jitter, until the manager
 * stops (or the thread is interrupted). SmallRye Fault Tolerance's guard; not a bean.
 */
final class UntilStopped {

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private UntilStopped() {
    }

    /** A guard described as {@code description} (its metrics name) that retries while {@code stopping} is false. */
    static Guard guard(String description, BooleanSupplier stopping) {
        return Guard.create().withDescription(description)
                .withRetry().maxRetries(-1).maxDuration(0, ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                .delay(FIRST_RETRY.toMillis(), ChronoUnit.MILLIS)
                .withExponentialBackoff().factor(2).maxDelay(LONGEST_RETRY.toMillis(), ChronoUnit.MILLIS).done()
                .whenException(e -> e instanceof Exception && !stopping.getAsBoolean())
                .done().build();
    }
}
