package io.teatree.api.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.telemetry.LabelCap;
import io.teatree.service.metrics.MetricsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client API's own metrics (Prometheus at {@code /q/metrics}):
 * <ul>
 * <li>{@value #ACCEPTED}{@code {model,function}}: intents newly queued (JetStream acknowledged a message it did
 * not have yet; idempotent replays are not counted again);</li>
 * <li>{@value #REJECTED}{@code {status}}: intent and bulk-rows submissions answered with a problem;</li>
 * <li>{@value #SSE_SUBSCRIBERS}: event streams open right now.</li>
 * </ul>
 * Model and function labels are bounded by {@code teatree.metrics.model-label-cap} and
 * {@code teatree.metrics.function-label-cap} ({@link LabelCap}). Thread-safe.
 */
@ApplicationScoped
public class ApiMetrics {

    public static final String ACCEPTED = "teatree.api.intents.accepted";
    public static final String REJECTED = "teatree.api.intents.rejected";
    public static final String SSE_SUBSCRIBERS = "teatree.api.sse.subscribers";

    private final MeterRegistry registry;
    private final LabelCap models;
    private final LabelCap functions;
    private final AtomicInteger subscribers = new AtomicInteger();

    public ApiMetrics(MeterRegistry registry, MetricsConfig config) {
        this.registry = registry;
        this.models = new LabelCap(config.modelLabelCap());
        this.functions = new LabelCap(config.functionLabelCap());
        Gauge.builder(SSE_SUBSCRIBERS, subscribers, AtomicInteger::get)
                .description("Server-Sent Events streams open now")
                .register(registry);
    }

    /** One intent newly queued on {@code model}. */
    public void accepted(ModelId model, String function) {
        Counter.builder(ACCEPTED)
                .description("Intents queued (acknowledged by JetStream), by model and function")
                .tag("model", models.of(model.value()))
                .tag("function", functions.of(function))
                .register(registry)
                .increment();
    }

    /** One submission answered with the problem {@code status}. */
    public void rejected(int status) {
        Counter.builder(REJECTED)
                .description("Intent and bulk rows submissions refused with a problem answer, by HTTP status")
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    /** {@code stream}, counted in {@value #SSE_SUBSCRIBERS} from its subscription until it ends or is cancelled. */
    public <T> Multi<T> subscriber(Multi<T> stream) {
        return Multi.createFrom().deferred(() -> {
            AtomicBoolean open = new AtomicBoolean();
            return stream
                    .onSubscription().invoke(() -> {
                        if (open.compareAndSet(false, true)) {
                            subscribers.incrementAndGet();
                        }
                    })
                    .onTermination().invoke(() -> {
                        if (open.compareAndSet(true, false)) {
                            subscribers.decrementAndGet();
                        }
                    });
        });
    }
}
