package io.teatree.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.teatree.service.metrics.MetricsConfig;
import io.teatree.service.nats.NatsConfig;
import io.teatree.service.s3.S3Config;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared groups map the same keys in every service, with unknown keys refused. */
class SharedConfigTest {

    private static SmallRyeConfig load(Map<String, String> props) {
        return new SmallRyeConfigBuilder()
                .withMapping(NatsConfig.class)
                .withMapping(S3Config.class)
                .withMapping(MetricsConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(props, "test", 100))
                .build();
    }

    @Test
    void defaults() {
        SmallRyeConfig config = load(Map.of("teatree.s3.access-key", "a", "teatree.s3.secret-key", "s"));

        NatsConfig nats = config.getConfigMapping(NatsConfig.class);
        assertThat(nats.url()).isEqualTo("nats://127.0.0.1:4222");
        assertThat(nats.publishTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(nats.reconnectBuffer().asLongValue()).isEqualTo(8L * 1024 * 1024);
        assertThat(nats.user()).isEmpty();
        assertThat(nats.password()).isEmpty();
        S3Config s3 = config.getConfigMapping(S3Config.class);
        assertThat(s3.endpoint()).isEqualTo("http://127.0.0.1:9000");
        assertThat(s3.region()).isEqualTo("us-east-1");
        assertThat(s3.bucket()).isEqualTo("teatree");
        MetricsConfig metrics = config.getConfigMapping(MetricsConfig.class);
        assertThat(metrics.modelLabelCap()).isEqualTo(100);
        assertThat(metrics.functionLabelCap()).isEqualTo(50);
    }

    @Test
    void everyKeyCanBeSet() {
        SmallRyeConfig config = load(Map.of("teatree.s3.access-key", "a", "teatree.s3.secret-key", "s",
                "teatree.nats.url", "nats://nats:4222", "teatree.nats.reconnect-buffer", "0",
                "teatree.nats.user", "api", "teatree.nats.password", "pw", "teatree.s3.bucket", "goals", "teatree.metrics.model-label-cap", "3", "teatree.metrics.function-label-cap", "7"));

        assertThat(config.getConfigMapping(NatsConfig.class).url()).isEqualTo("nats://nats:4222");
        assertThat(config.getConfigMapping(NatsConfig.class).reconnectBuffer().asLongValue()).isZero();
        assertThat(config.getConfigMapping(NatsConfig.class).user()).contains("api");
        assertThat(config.getConfigMapping(NatsConfig.class).password()).contains("pw");
        assertThat(config.getConfigMapping(S3Config.class).bucket()).isEqualTo("goals");
        assertThat(config.getConfigMapping(MetricsConfig.class).modelLabelCap()).isEqualTo(3);
        assertThat(config.getConfigMapping(MetricsConfig.class).functionLabelCap()).isEqualTo(7);
    }

    @Test
    void s3CredentialsHaveNoDefault() {
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("teatree.s3.access-key");
    }
}
