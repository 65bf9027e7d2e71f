package io.teatree.dispatcher.placement.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.teatree.service.manager.ManagerEnvironment;
import io.teatree.dispatcher.placement.ManagerSpec;
import io.teatree.dispatcher.podclass.PodClass;
import io.teatree.protocol.ModelId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagerCommandTest {

    private final ManagerCommand command = new ManagerCommand(
            new LocalSettings("/usr/bin/java", Path.of("/opt/quarkus-run.jar"), Path.of("/data"), Path.of("/logs"), Duration.ofSeconds(30),
                    Duration.ofSeconds(5)),
            new ManagerEnvironment("nats://n:4222", "manager", "npw", "jdbc:postgresql://p/teatree", "u", "pw", "http://s3:9000", "eu-west-1", "bucket", "ak", "sk"));

    @Test
    void aManagerLogsLikeTheDispatcherAndExportsWhereItDoesUnderItsOwnName() {
        Map<String, String> env = new HashMap<>(Map.of(
                "TEATREE_LOG_JSON", "true",
                "TEATREE_DISPATCHER_IDLE_TIMEOUT", "PT1M",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=test",
                "OTEL_SERVICE_NAME", "teatree-dispatcher",
                "QUARKUS_OTEL_SERVICE_NAME", "teatree-dispatcher",
                "QUARKUS_PROFILE", "dev"));
        command.environment(new ManagerSpec(ModelId.of("sales"), new PodClass("small", 2, "2Gi", "10Gi")), env);

        assertThat(env).containsEntry("TEATREE_LOG_JSON", "true")
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
                .containsEntry("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .containsEntry("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=test")
                .containsEntry("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms")
                .containsEntry("TEATREE_MANAGER_MODEL", "sales")
                .doesNotContainKeys("OTEL_SERVICE_NAME", "QUARKUS_OTEL_SERVICE_NAME", "TEATREE_DISPATCHER_IDLE_TIMEOUT", "QUARKUS_PROFILE");
    }

    @Test
    void withoutThemTheManagerGetsNone() {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin"));
        command.environment(new ManagerSpec(ModelId.of("sales"), new PodClass("small", 2, "2Gi", "10Gi")), env);
        assertThat(env.keySet()).noneMatch(k -> k.startsWith("OTEL_")).doesNotContain("TEATREE_LOG_JSON");
    }
}
