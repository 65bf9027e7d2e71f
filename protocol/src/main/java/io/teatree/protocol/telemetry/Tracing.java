package io.teatree.protocol.telemetry;

import io.opentelemetry.api.OpenTelemetry;

/**
 * Which {@link OpenTelemetry} a service makes its own spans with. With {@code quarkus.otel.sdk.disabled=true}
 * (no {@code OTEL_EXPORTER_OTLP_ENDPOINT}, see {@link OtlpEnvironment}) Quarkus 3.27 still hands out an SDK whose
 * spans record (valid random ids, attributes kept) and are then dropped; Teatree's code uses the no-op API
 * instead, so an untraced service builds no span objects at all.
 */
public final class Tracing {

    /** Quarkus' switch, set by {@link OtlpEnvironment}; services read it with {@code @ConfigProperty}. */
    public static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";

    private Tracing() {
    }

    /** {@code quarkus} while the SDK exports, the no-op API when it is disabled. */
    public static OpenTelemetry effective(OpenTelemetry quarkus, boolean sdkDisabled) {
        return sdkDisabled ? OpenTelemetry.noop() : quarkus;
    }
}
