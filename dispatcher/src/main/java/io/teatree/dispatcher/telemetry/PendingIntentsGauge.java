package io.teatree.dispatcher.telemetry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.telemetry.LabelCap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauge {@value #NAME}{@code {model}}: intents waiting per model, with the model label bounded by a
 * {@link LabelCap}. Models over the cap are summed under {@code model="_other"}. A series, once there,
 * stays and reads 0 when its model has nothing pending, so no series is left at a stale non-zero value;
 * there are never more than {@code cap + 1}. Thread-safe.
 */
public final class PendingIntentsGauge {

    /** The metric's name (Prometheus: {@code teatree_dispatcher_pending_intents}). */
    public static final String NAME = "teatree.dispatcher.pending.intents";

    private final MeterRegistry registry;
    private final LabelCap models;
    private final ConcurrentMap<String, AtomicLong> series = new ConcurrentHashMap<>();

    public PendingIntentsGauge(MeterRegistry registry, LabelCap models) {
        this.registry = registry;
        this.models = models;
    }

    /** Sets every series from {@code pending}, the full per-model picture; models absent from it read 0. */
    public synchronized void update(Map<ModelId, Long> pending) {
        Map<String, Long> byLabel = new HashMap<>();
        pending.forEach((model, count) -> byLabel.merge(models.of(model.value()), count, Long::sum));
        byLabel.keySet().forEach(label -> series.computeIfAbsent(label, this::register));
        series.forEach((label, value) -> value.set(byLabel.getOrDefault(label, 0L)));
    }

    private AtomicLong register(String label) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(NAME, value, AtomicLong::get)
                .tag("model", label)
                .description("intents waiting on TEATREE_INTENTS at the last reconcile of the leading dispatcher")
                .strongReference(true)
                .register(registry);
        return value;
    }
}
