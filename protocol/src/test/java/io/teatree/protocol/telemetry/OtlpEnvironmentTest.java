package io.teatree.protocol.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpEnvironmentTest {

    @Test
    void withoutAnEndpointTheSdkIsDisabled() {
        OtlpEnvironment source = new OtlpEnvironment(Map.of());
        assertThat(source.getValue("quarkus.otel.sdk.disabled")).isEqualTo("true");
        assertThat(source.getValue("quarkus.otel.exporter.otlp.endpoint")).isNull();
        assertThat(new OtlpEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " ")).getValue("quarkus.otel.sdk.disabled")).isEqualTo("true");
    }

    @Test
    void anEndpointEnablesExportWithTheGivenProtocolAndServiceName() {
        OtlpEnvironment source = new OtlpEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", "OTEL_SERVICE_NAME", "api-eu"));
        assertThat(source.getProperties()).containsEntry("quarkus.otel.sdk.disabled", "false")
                .containsEntry("quarkus.otel.exporter.otlp.endpoint", "http://collector:4318")
                .containsEntry("quarkus.otel.exporter.otlp.protocol", "http/protobuf")
                .containsEntry("quarkus.otel.service.name", "api-eu");
        assertThat(source.getOrdinal()).isBetween(251, 299);
    }
}
