package io.teatree.dispatcher.wiring;

import io.opentelemetry.api.OpenTelemetry;
import io.teatree.protocol.telemetry.Tracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@link OpenTelemetry} the dispatcher's own spans ({@code dispatcher.ensure}) are made with: Quarkus' SDK
 * while it exports, the no-op API otherwise ({@link Tracing#effective}).
 */
@ApplicationScoped
public class DispatcherTracing {

    private final OpenTelemetry telemetry;

    @Inject
    DispatcherTracing(OpenTelemetry quarkus, @ConfigProperty(name = Tracing.SDK_DISABLED) boolean disabled) {
        this.telemetry = Tracing.effective(quarkus, disabled);
    }

    /** What to trace with; thread-safe. */
    public OpenTelemetry telemetry() {
        return telemetry;
    }
}
