package io.teatree.manager.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.telemetry.LabelCap;
import io.teatree.protocol.telemetry.Tracing;
import io.teatree.service.metrics.MetricsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands the manager its tracer and meters. Tracing is on exactly when the OpenTelemetry SDK is enabled
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT} set, see {@link Tracing}); otherwise the manager's tracer is
 * {@link ManagerTracer#off}, which does not even extract trace headers or build link lists.
 */
@ApplicationScoped
public class Telemetry {

    @Inject
    OpenTelemetry openTelemetry;
    @Inject
    MeterRegistry registry;
    @Inject
    MetricsConfig config;
    @ConfigProperty(name = Tracing.SDK_DISABLED, defaultValue = "false")
    boolean sdkDisabled;

    /** The tracer of {@code model}'s manager. */
    public ManagerTracer tracer(ModelId model) {
        return sdkDisabled ? ManagerTracer.off(model) : ManagerTracer.on(openTelemetry, model);
    }

    /** The meters of {@code model}'s manager. */
    public ManagerMetrics metrics(ModelId model) {
        return new ManagerMetrics(registry, model, new LabelCap(config.modelLabelCap()),
                new LabelCap(config.functionLabelCap()));
    }
}
