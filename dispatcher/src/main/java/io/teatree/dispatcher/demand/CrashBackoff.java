package io.teatree.dispatcher.demand;

import io.teatree.protocol.ModelId;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Crash counts and exponential restart delays per model: {@code initial × 2^(crashes-1)}, at most
 * {@code max}. A run that lasted {@code healthyAfter} or ended cleanly starts the count again. Thread-safe.
 */
public final class CrashBackoff {

    /** One model's crash history. */
    public record Crashes(int count, Instant retryAt) {
    }

    private final Duration initial;
    private final Duration max;
    private final Duration healthyAfter;
    private final ConcurrentMap<ModelId, Crashes> crashes = new ConcurrentHashMap<>();

    public CrashBackoff(Duration initial, Duration max, Duration healthyAfter) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.healthyAfter = healthyAfter;
    }

    /** Records a crash after a run of {@code ranFor}; returns the new history with its restart time. */
    public Crashes crashed(ModelId model, Duration ranFor, Instant now) {
        return crashes.compute(model, (m, previous) -> {
            int count = previous == null || ranFor.compareTo(healthyAfter) >= 0 ? 1 : previous.count() + 1;
            return new Crashes(count, now.plus(delay(count)));
        });
    }

    /** Forgets the model's crashes; true when it had any. */
    public boolean clear(ModelId model) {
        return crashes.remove(model) != null;
    }

    /** True while a crashed model must wait before it starts again. */
    public boolean waiting(ModelId model, Instant now) {
        Crashes c = crashes.get(model);
        return c != null && now.isBefore(c.retryAt());
    }

    /** When the model may start again; empty when it has no crashes. */
    public java.util.Optional<Instant> retryAt(ModelId model) {
        return java.util.Optional.ofNullable(crashes.get(model)).map(Crashes::retryAt);
    }

    /** Crashes in a row so far. */
    public int count(ModelId model) {
        Crashes c = crashes.get(model);
        return c == null ? 0 : c.count();
    }

    /** The delay before restart number {@code crashCount}. */
    public Duration delay(int crashCount) {
        int doublings = Math.min(Math.max(crashCount - 1, 0), 30);
        Duration d = initial.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }
}
