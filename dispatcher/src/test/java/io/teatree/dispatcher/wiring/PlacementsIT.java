package io.teatree.dispatcher.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.teatree.dispatcher.DispatcherConfig;
import io.teatree.dispatcher.TestConfigs;
import io.teatree.dispatcher.leader.Leadership;
import io.teatree.service.manager.ManagerEnvironment;
import io.teatree.dispatcher.placement.ManagerSpec;
import io.teatree.dispatcher.placement.ManagerTelemetry;
import io.teatree.dispatcher.placement.Placement;
import io.teatree.dispatcher.placement.local.LocalSettings;
import io.teatree.dispatcher.podclass.PodClasses;
import io.teatree.protocol.ModelId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The placements and leadership as configuration builds them, on Fabric8's mock API server. */
@EnableKubernetesMockClient(crud = true, https = false)
class PlacementsIT {

    static KubernetesClient client;

    private static final ManagerEnvironment ENV = new ManagerEnvironment("nats://nats:4222", "manager", "np", "jdbc:postgresql://dispatcher-db/teatree",
            "u", "p", "http://s3:9000", "us-east-1", "teatree", "a", "s");

    @Test
    void kubernetesConfigurationPlacesInItsNamespaceWithItsImageJdbcUrlAndTelemetry() {
        DispatcherConfig.Dispatcher d = TestConfigs.load(Map.of(
                "teatree.dispatcher.placement", "kubernetes",
                "teatree.dispatcher.idle-timeout", "PT1M",
                "teatree.dispatcher.kubernetes.namespace", "analytics",
                "teatree.dispatcher.kubernetes.image", "registry.example/db-manager:7",
                "teatree.dispatcher.kubernetes.storage-class", "fast-ssd",
                "teatree.dispatcher.kubernetes.jdbc-url", "jdbc:postgresql://pods-db/teatree",
                "teatree.dispatcher.pod-classes.large.memory", "32Gi")).dispatcher();
        ManagerTelemetry telemetry = ManagerTelemetry.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", "TEATREE_LOG_JSON", "true"));
        Placement placement = Placements.kubernetes(d, ENV, telemetry, client).apply((model, code, ranFor) -> { });
        placement.start(new ManagerSpec(ModelId.of("wired"), PodClasses.of(d.podClasses()).orDefault("large")));

        StatefulSet sts = client.apps().statefulSets().inNamespace("analytics").withName("teatree-model-wired").get();
        var container = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example/db-manager:7");
        assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("32Gi");
        assertThat(container.getEnv()).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue())
                .isEqualTo("QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://pods-db/teatree"));
        assertThat(container.getEnv()).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue())
                .isEqualTo("TEATREE_MANAGER_IDLE_TIMEOUT=PT2M"));
        assertThat(container.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).contains(
                "OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4317", "OTEL_EXPORTER_OTLP_PROTOCOL=grpc", "TEATREE_LOG_JSON=true");
        assertThat(sts.getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName()).isEqualTo("fast-ssd");
    }

    @Test
    void kubernetesLeadershipUsesTheConfiguredLease() {
        DispatcherConfig.Dispatcher d = TestConfigs.load(Map.of(
                "teatree.dispatcher.kubernetes.namespace", "analytics",
                "teatree.dispatcher.kubernetes.lease-name", "teatree-lead",
                "teatree.dispatcher.kubernetes.identity", "dispatcher-7")).dispatcher();
        AtomicInteger leading = new AtomicInteger();
        try (Leadership leadership = Placements.leadership(d, client, leading::incrementAndGet)) {
            await().atMost(Duration.ofSeconds(10)).until(leadership::isLeader);
            assertThat(client.leases().inNamespace("analytics").withName("teatree-lead").get().getSpec().getHolderIdentity())
                    .isEqualTo("dispatcher-7");
            assertThat(leading.get()).isEqualTo(1);
        }
    }

    @Test
    void localSettingsComeFromTheLocalKeys() {
        DispatcherConfig.Dispatcher d = TestConfigs.load(Map.of(
                "teatree.dispatcher.local.manager-jar", "/opt/teatree/quarkus-run.jar",
                "teatree.dispatcher.local.data-dir", "/var/lib/teatree",
                "teatree.dispatcher.idle-timeout", "PT45S")).dispatcher();
        LocalSettings settings = Placements.localSettings(d);
        assertThat(settings.managerJar()).isEqualTo(Path.of("/opt/teatree/quarkus-run.jar"));
        assertThat(settings.dataDir()).isEqualTo(Path.of("/var/lib/teatree"));
        assertThat(settings.logDir()).isEqualTo(Path.of("/var/lib/teatree"));
        assertThat(settings.idleTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.java()).isEqualTo(LocalSettings.currentJava());
    }
}
