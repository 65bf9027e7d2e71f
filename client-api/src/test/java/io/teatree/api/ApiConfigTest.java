package io.teatree.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiConfigTest {

    private static ApiConfig load(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withSources(new MapBackedConfigSource("test", values) {
                })
                .withMapping(ApiConfig.class)
                .build();
        return config.getConfigMapping(ApiConfig.class);
    }

    @Test
    void defaults() {
        ApiConfig config = load(Map.of("teatree.s3.access-key", "a", "teatree.s3.secret-key", "s"));
        assertThat(config.auth().enabled()).isTrue();
        assertThat(config.auth().bootstrapKey()).isEmpty();
        assertThat(config.limits().jsonBody().asLongValue()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.limits().rowsBody().asLongValue()).isEqualTo(1024L * 1024 * 1024);
        assertThat(config.limits().inlineArgs().asLongValue()).isEqualTo(256L * 1024);
        assertThat(config.events().maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(config.events().heartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.nats().publishTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void fullMapping() {
        ApiConfig config = load(Map.of("teatree.s3.access-key", "a", "teatree.s3.secret-key", "s",
                "teatree.auth.enabled", "false", "teatree.auth.bootstrap-key", "k",
                "teatree.limits.json-body", "1M", "teatree.limits.rows-body", "5G",
                "teatree.events.subscriber-buffer", "10", "teatree.limits.max-wait", "PT5S"));
        assertThat(config.auth().enabled()).isFalse();
        assertThat(config.auth().bootstrapKey()).hasValue("k");
        assertThat(config.limits().jsonBody().asLongValue()).isEqualTo(1024L * 1024);
        assertThat(config.limits().rowsBody().asLongValue()).isEqualTo(5L * 1024 * 1024 * 1024);
        assertThat(config.events().subscriberBuffer()).isEqualTo(10);
        assertThat(config.limits().maxWait()).isEqualTo(Duration.ofSeconds(5));
    }
}
