package io.teatree.dispatcher.placement.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.teatree.service.manager.ManagerEnvironment;
import io.teatree.dispatcher.placement.ManagerSpec;
import io.teatree.dispatcher.placement.ManagerTelemetry;
import io.teatree.dispatcher.podclass.PodClass;
import io.teatree.protocol.ModelId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files for the per-model StatefulSet: {@code golden/statefulset/in-<case>.yaml} describes the input,
 * {@code out-<case>.yaml} the expected StatefulSet. Run with {@code -Dgolden.update=true} to rewrite the
 * outputs after an intended change, then review the diff.
 */
class StatefulSetGoldenTest {

    /** The input of one case. */
    record Case(String model, int replicas, PodClass podClass, Settings settings, ManagerEnvironment environment) {
    }

    /** The placement settings of one case, as plain values; no telemetry when absent. */
    record Settings(String namespace, String image, String imagePullPolicy, String storageClass, String postgresSecret,
                    String s3Secret, String natsSecret, String managerIdleTimeout, Telemetry telemetry) {
        KubernetesSettings toSettings() {
            return new KubernetesSettings(namespace, image, imagePullPolicy, Optional.ofNullable(storageClass), postgresSecret, s3Secret, natsSecret,
                    Duration.parse(managerIdleTimeout), telemetry == null ? ManagerTelemetry.NONE : telemetry.toTelemetry());
        }
    }

    /** The managers' telemetry of one case, as plain values. */
    record Telemetry(String otlpEndpoint, String otlpProtocol, boolean jsonLogs) {
        ManagerTelemetry toTelemetry() {
            return new ManagerTelemetry(Optional.ofNullable(otlpEndpoint), Optional.ofNullable(otlpProtocol), jsonLogs);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @ParameterizedTest
    @ValueSource(strings = {"small", "medium", "large", "xlarge", "custom-storage-class", "telemetry"})
    void statefulSetMatchesItsGoldenFile(String name) throws IOException {
        Case c = YAML.readValue(resource("in-" + name + ".yaml"), Case.class);
        StatefulSet sts = new StatefulSetFactory(c.settings().toSettings(), c.environment())
                .build(new ManagerSpec(ModelId.of(c.model()), c.podClass()), c.replicas());
        String actual = SERIALIZATION.asYaml(sts);

        Path golden = Path.of("src/test/resources/golden/statefulset/out-" + name + ".yaml");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual);
        }
        assertThat(actual).isEqualTo(new String(resource("out-" + name + ".yaml").readAllBytes(), StandardCharsets.UTF_8));
    }

    private static InputStream resource(String file) {
        InputStream in = StatefulSetGoldenTest.class.getResourceAsStream("/golden/statefulset/" + file);
        if (in == null) {
            throw new IllegalStateException("missing golden file " + file);
        }
        return in;
    }
}
