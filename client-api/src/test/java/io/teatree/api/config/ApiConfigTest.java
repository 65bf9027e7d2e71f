package io.teatree.api.config;

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
        ApiConfig config = load(Map.of());
        assertThat(config.auth().enabled()).isTrue();
        assertThat(config.auth().bootstrapKey()).isEmpty();
        assertThat(config.limits().jsonBody().asLongValue()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.limits().rowsBody().asLongValue()).isEqualTo(1024L * 1024 * 1024);
        assertThat(config.limits().inlineArgs().asLongValue()).isEqualTo(256L * 1024);
        assertThat(config.events().maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(config.events().heartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.versions().cacheDir()).isEmpty();
        assertThat(config.versions().openLimit()).isEqualTo(4);
        assertThat(config.query().maxRows()).isEqualTo(100_000);
        assertThat(config.query().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.query().arrowBatchRows()).isEqualTo(65536);
    }

    @Test
    void fullMapping() {
        ApiConfig config = load(Map.ofEntries(
                Map.entry("teatree.auth.enabled", "false"),
                Map.entry("teatree.auth.bootstrap-key", "k"),
                Map.entry("teatree.limits.json-body", "1M"),
                Map.entry("teatree.limits.rows-body", "5G"),
                Map.entry("teatree.events.subscriber-buffer", "10"),
                Map.entry("teatree.limits.max-wait", "PT5S"),
                Map.entry("teatree.versions.cache-dir", "/var/cache/teatree"),
                Map.entry("teatree.versions.open-limit", "2"),
                Map.entry("teatree.query.max-rows", "10"),
                Map.entry("teatree.query.timeout", "PT1S")));
        assertThat(config.auth().enabled()).isFalse();
        assertThat(config.auth().bootstrapKey()).hasValue("k");
        assertThat(config.limits().jsonBody().asLongValue()).isEqualTo(1024L * 1024);
        assertThat(config.limits().rowsBody().asLongValue()).isEqualTo(5L * 1024 * 1024 * 1024);
        assertThat(config.events().subscriberBuffer()).isEqualTo(10);
        assertThat(config.limits().maxWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.versions().cacheDir()).hasValue(java.nio.file.Path.of("/var/cache/teatree"));
        assertThat(config.versions().openLimit()).isEqualTo(2);
        assertThat(config.query().maxRows()).isEqualTo(10);
        assertThat(config.query().timeout()).isEqualTo(Duration.ofSeconds(1));
    }
}
