package io.teatree.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.dispatcher.podclass.PodClass;
import io.teatree.dispatcher.podclass.PodClasses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatcherConfigTest {

    @Test
    void defaultsAreTheSeedPodClassesAndTheLocalPlacement() {
        DispatcherConfig config = load(Map.of());
        DispatcherConfig.Dispatcher d = config.dispatcher();

        assertThat(d.placement()).isEqualTo(DispatcherConfig.PlacementKind.LOCAL);
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.reconcileInterval()).isEqualTo("5S");
        assertThat(d.backoff().initial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.backoff().max()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.backoff().crashloopAfter()).isEqualTo(3);
        assertThat(d.backoff().healthyAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.local().managerJar()).isEqualTo(Path.of("db-manager/target/quarkus-app/quarkus-run.jar"));
        assertThat(d.local().dataDir()).isEqualTo(Path.of(".teatree/data"));
        assertThat(d.local().logDir()).isEmpty();
        assertThat(d.local().java()).isEmpty();
        assertThat(d.local().stopGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.kubernetes().namespace()).isEmpty();
        assertThat(d.kubernetes().image()).isEqualTo("ghcr.io/teatree/db-manager:0.1.0");
        assertThat(d.kubernetes().imagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(d.kubernetes().storageClass()).isEmpty();
        assertThat(d.kubernetes().postgresSecret()).isEqualTo("teatree-postgres");
        assertThat(d.kubernetes().s3Secret()).isEqualTo("teatree-s3");
        assertThat(d.kubernetes().natsSecret()).isEqualTo("teatree-nats");
        assertThat(d.managerNats().user()).isEqualTo("manager");
        assertThat(d.managerNats().password()).isEmpty();
        assertThat(d.kubernetes().jdbcUrl()).isEmpty();
        assertThat(d.kubernetes().leaseName()).isEqualTo("teatree-dispatcher");
        assertThat(d.kubernetes().identity()).isEmpty();
        assertThat(d.kubernetes().leaseDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(d.kubernetes().renewDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.kubernetes().retryPeriod()).isEqualTo(Duration.ofSeconds(2));

        PodClasses classes = PodClasses.of(d.podClasses());
        assertThat(classes.find("small")).contains(new PodClass("small", 2, "2Gi", "10Gi"));
        assertThat(classes.find("medium")).contains(new PodClass("medium", 4, "4Gi", "20Gi"));
        assertThat(classes.find("large")).contains(new PodClass("large", 8, "16Gi", "100Gi"));
        assertThat(classes.find("xlarge")).contains(new PodClass("xlarge", 16, "64Gi", "400Gi"));
    }

    @Test
    void everyKeyCanBeOverridden() {
        Map<String, String> props = new HashMap<>();
        props.put("teatree.dispatcher.placement", "kubernetes");
        props.put("teatree.dispatcher.idle-timeout", "PT30S");
        props.put("teatree.dispatcher.reconcile-interval", "1S");
        props.put("teatree.dispatcher.backoff.initial", "PT0.5S");
        props.put("teatree.dispatcher.backoff.max", "PT1M");
        props.put("teatree.dispatcher.backoff.crashloop-after", "5");
        props.put("teatree.dispatcher.backoff.healthy-after", "PT5M");
        props.put("teatree.dispatcher.local.manager-jar", "/opt/teatree/quarkus-run.jar");
        props.put("teatree.dispatcher.local.data-dir", "/var/lib/teatree");
        props.put("teatree.dispatcher.local.log-dir", "/var/log/teatree");
        props.put("teatree.dispatcher.local.java", "/usr/bin/java");
        props.put("teatree.dispatcher.local.stop-grace", "PT5S");
        props.put("teatree.dispatcher.kubernetes.namespace", "analytics");
        props.put("teatree.dispatcher.kubernetes.image", "registry.example/db-manager:1");
        props.put("teatree.dispatcher.kubernetes.image-pull-policy", "Always");
        props.put("teatree.dispatcher.kubernetes.storage-class", "fast-ssd");
        props.put("teatree.dispatcher.kubernetes.postgres-secret", "pg");
        props.put("teatree.dispatcher.kubernetes.s3-secret", "s3");
        props.put("teatree.dispatcher.kubernetes.nats-secret", "nats");
        props.put("teatree.dispatcher.manager-nats.user", "mgr");
        props.put("teatree.dispatcher.manager-nats.password", "pw");
        props.put("teatree.dispatcher.kubernetes.jdbc-url", "jdbc:postgresql://pg:5432/teatree");
        props.put("teatree.dispatcher.kubernetes.lease-name", "lead");
        props.put("teatree.dispatcher.kubernetes.identity", "dispatcher-0");
        props.put("teatree.dispatcher.kubernetes.lease-duration", "PT30S");
        props.put("teatree.dispatcher.kubernetes.renew-deadline", "PT20S");
        props.put("teatree.dispatcher.kubernetes.retry-period", "PT3S");
        for (String c : new String[] {"small", "medium", "large", "xlarge"}) {
            props.put("teatree.dispatcher.pod-classes." + c + ".cpus", "1");
            props.put("teatree.dispatcher.pod-classes." + c + ".memory", "1Gi");
            props.put("teatree.dispatcher.pod-classes." + c + ".storage", "5Gi");
        }
        DispatcherConfig config = load(props);
        DispatcherConfig.Dispatcher d = config.dispatcher();

        assertThat(d.placement()).isEqualTo(DispatcherConfig.PlacementKind.KUBERNETES);
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.reconcileInterval()).isEqualTo("1S");
        assertThat(d.backoff().initial()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.backoff().max()).isEqualTo(Duration.ofMinutes(1));
        assertThat(d.backoff().crashloopAfter()).isEqualTo(5);
        assertThat(d.backoff().healthyAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.local().managerJar()).isEqualTo(Path.of("/opt/teatree/quarkus-run.jar"));
        assertThat(d.local().dataDir()).isEqualTo(Path.of("/var/lib/teatree"));
        assertThat(d.local().logDir()).contains(Path.of("/var/log/teatree"));
        assertThat(d.local().java()).contains("/usr/bin/java");
        assertThat(d.local().stopGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.kubernetes().namespace()).contains("analytics");
        assertThat(d.kubernetes().image()).isEqualTo("registry.example/db-manager:1");
        assertThat(d.kubernetes().imagePullPolicy()).isEqualTo("Always");
        assertThat(d.kubernetes().storageClass()).contains("fast-ssd");
        assertThat(d.kubernetes().postgresSecret()).isEqualTo("pg");
        assertThat(d.kubernetes().s3Secret()).isEqualTo("s3");
        assertThat(d.kubernetes().natsSecret()).isEqualTo("nats");
        assertThat(d.managerNats().user()).isEqualTo("mgr");
        assertThat(d.managerNats().password()).contains("pw");
        assertThat(d.kubernetes().jdbcUrl()).contains("jdbc:postgresql://pg:5432/teatree");
        assertThat(d.kubernetes().leaseName()).isEqualTo("lead");
        assertThat(d.kubernetes().identity()).contains("dispatcher-0");
        assertThat(d.kubernetes().leaseDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.kubernetes().renewDeadline()).isEqualTo(Duration.ofSeconds(20));
        assertThat(d.kubernetes().retryPeriod()).isEqualTo(Duration.ofSeconds(3));
        PodClasses classes = PodClasses.of(d.podClasses());
        for (String c : new String[] {"small", "medium", "large", "xlarge"}) {
            assertThat(classes.find(c)).contains(new PodClass(c, 1, "1Gi", "5Gi"));
        }
    }

    @Test
    void anUnknownPodClassIsRejected() {
        assertThatThrownBy(() -> load(Map.of("teatree.dispatcher.pod-classes.huge.cpus", "64")))
                .hasMessageContaining("teatree.dispatcher.pod-classes.huge.cpus");
    }

    private static DispatcherConfig load(Map<String, String> props) {
        return TestConfigs.load(props);
    }
}
