package io.teatree.manager.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagerConfigTest {

    private static final Map<String, String> REQUIRED = Map.of("teatree.manager.model", "m1");

    private static ManagerConfig load(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new MapBackedConfigSource("test", values) {
                })
                .withMapping(ManagerConfig.class)
                .withValidateUnknown(false)
                .build();
        return config.getConfigMapping(ManagerConfig.class);
    }

    @Test
    void defaults() {
        ManagerConfig config = load(REQUIRED);
        assertThat(config.manager().model()).isEqualTo("m1");
        assertThat(config.manager().batchSize()).isEqualTo(500);
        assertThat(config.manager().lease()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.manager().snapshot().minInterval()).isEqualTo(Duration.ofSeconds(5));
    }
}
