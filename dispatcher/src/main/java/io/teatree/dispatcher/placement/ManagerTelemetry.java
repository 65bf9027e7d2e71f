package io.teatree.dispatcher.placement;

import java.util.Map;
import java.util.Optional;

/**
 * Where managers send traces and how they log, handed on from the dispatcher's own environment so every
 * component of a deployment is observed the same way.
 *
 * @param otlpEndpoint {@code OTEL_EXPORTER_OTLP_ENDPOINT}; tracing is off without it
 * @param otlpProtocol {@code OTEL_EXPORTER_OTLP_PROTOCOL} ({@code grpc} or {@code http/protobuf}); the default when empty
 * @param jsonLogs     {@code TEATREE_LOG_JSON}: JSON log lines instead of plain text
 */
public record ManagerTelemetry(Optional<String> otlpEndpoint, Optional<String> otlpProtocol, boolean jsonLogs) {

    /** The OTLP endpoint variable. */
    public static final String OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    /** The OTLP protocol variable. */
    public static final String OTLP_PROTOCOL = "OTEL_EXPORTER_OTLP_PROTOCOL";
    /** The JSON logs switch. */
    public static final String LOG_JSON = "TEATREE_LOG_JSON";

    /** No tracing, plain logs. */
    public static final ManagerTelemetry NONE = new ManagerTelemetry(Optional.empty(), Optional.empty(), false);

    public ManagerTelemetry {
        otlpEndpoint = otlpEndpoint == null ? Optional.empty() : otlpEndpoint.map(String::strip).filter(s -> !s.isEmpty());
        otlpProtocol = otlpProtocol == null ? Optional.empty() : otlpProtocol.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** From environment variables, e.g. {@code System.getenv()}. */
    public static ManagerTelemetry fromEnvironment(Map<String, String> env) {
        return new ManagerTelemetry(Optional.ofNullable(env.get(OTLP_ENDPOINT)), Optional.ofNullable(env.get(OTLP_PROTOCOL)),
                Boolean.parseBoolean(env.getOrDefault(LOG_JSON, "false").strip()));
    }
}
