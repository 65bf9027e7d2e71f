package io.teatree.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The log settings of {@code application.properties}: plain lines with the MDC, JSON when TEATREE_LOG_JSON=true. */
class LogConfigTest {

    private static SmallRyeConfig load(Map<String, String> env) throws IOException {
        URL properties = LogConfigTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new EnvConfigSource(env, 300))
                .build();
    }

    @Test
    void consoleIsPlainWithModelAndIntentIdByDefault() throws IOException {
        SmallRyeConfig config = load(Map.of());
        assertThat(config.getConfigValue("quarkus.log.console.json.enabled").getValue()).isEqualTo("false");
        assertThat(config.getRawValue("quarkus.log.console.format")).contains("%X{model}").contains("%X{intentId}");
    }

    @Test
    void teatreeLogJsonSwitchesTheConsoleToJson() throws IOException {
        SmallRyeConfig config = load(Map.of("TEATREE_LOG_JSON", "true"));
        assertThat(config.getConfigValue("quarkus.log.console.json.enabled").getValue()).isEqualTo("true");
    }
}
