package io.teatree.dispatcher.wiring;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@link OpenTelemetry} the dispatcher's own spans ({@code dispatcher.ensure}) are made with: Quarkus' SDK
 * while it exports (with {@code OTEL_EXPORTER_OTLP_ENDPOINT} set), the no-op API otherwise. With
 * {@code quarkus.otel.sdk.disabled=true} Quarkus still hands out an SDK that records every span and then
 * drops it; the no-op API makes an untraced dispatcher pay nothing per intent.
 */
@ApplicationScoped
public class DispatcherTracing {

    private final OpenTelemetry telemetry;

    @Inject
    DispatcherTracing(OpenTelemetry quarkus, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        this.telemetry = disabled ? OpenTelemetry.noop() : quarkus;
    }

    /** What to trace with; thread-safe. */
    public OpenTelemetry telemetry() {
        return telemetry;
    }
}
