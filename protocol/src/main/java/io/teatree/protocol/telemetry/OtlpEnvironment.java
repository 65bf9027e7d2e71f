package io.teatree.protocol.telemetry;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Maps the standard OpenTelemetry environment onto Quarkus' settings, so every service exports traces over
 * OTLP exactly when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set and runs a no-op SDK (no spans recorded, no
 * exporter thread) otherwise. {@code OTEL_EXPORTER_OTLP_PROTOCOL} ({@code grpc} or {@code http/protobuf})
 * and {@code OTEL_SERVICE_NAME} are honoured too. Ordinal 275: above {@code application.properties} (250),
 * below environment variables (300) and system properties (400), so an explicit {@code quarkus.otel.*}
 * setting still wins. Discovered through {@code META-INF/services}.
 */
public final class OtlpEnvironment implements ConfigSource {

    static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private final Map<String, String> properties;

    public OtlpEnvironment() {
        this(System.getenv());
    }

    OtlpEnvironment(Map<String, String> env) {
        Map<String, String> map = new HashMap<>();
        String endpoint = env.get(ENDPOINT);
        boolean enabled = endpoint != null && !endpoint.isBlank();
        map.put(Tracing.SDK_DISABLED, String.valueOf(!enabled));
        if (enabled) {
            map.put("quarkus.otel.exporter.otlp.endpoint", endpoint.strip());
            String protocol = env.get("OTEL_EXPORTER_OTLP_PROTOCOL");
            if (protocol != null && !protocol.isBlank()) {
                map.put("quarkus.otel.exporter.otlp.protocol", protocol.strip());
            }
        }
        String service = env.get("OTEL_SERVICE_NAME");
        if (service != null && !service.isBlank()) {
            map.put("quarkus.otel.service.name", service.strip());
        }
        this.properties = Map.copyOf(map);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String name) {
        return properties.get(name);
    }

    @Override
    public String getName() {
        return "teatree-otlp-environment";
    }

    @Override
    public int getOrdinal() {
        return 275;
    }
}
