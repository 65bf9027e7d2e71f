package io.teatree.manager.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.teatree.manager.ManagerConfig;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.telemetry.LabelCap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands the manager its tracer and meters. Tracing is on exactly when the OpenTelemetry SDK is enabled
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT} set, see {@code OtlpEnvironment}). Quarkus' disabled SDK still hands
 * out recording spans that go nowhere, so when it is disabled the manager does not call it at all.
 */
@ApplicationScoped
public class Telemetry {

    @Inject
    OpenTelemetry openTelemetry;
    @Inject
    MeterRegistry registry;
    @Inject
    ManagerConfig config;
    // Quarkus' own key, set by OtlpEnvironment; read here to skip even the disabled SDK's span objects
    @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
    boolean sdkDisabled;

    /** The tracer of {@code model}'s manager. */
    public ManagerTracer tracer(ModelId model) {
        return sdkDisabled ? ManagerTracer.off(model) : ManagerTracer.on(openTelemetry, model);
    }

    /** The meters of {@code model}'s manager. */
    public ManagerMetrics metrics(ModelId model) {
        return new ManagerMetrics(registry, model, new LabelCap(config.metrics().modelLabelCap()),
                new LabelCap(config.metrics().functionLabelCap()));
    }
}
