package io.teatree.dispatcher;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Builds {@link DispatcherConfig} from properties without Quarkus, with unknown-property validation on. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** The mapping of {@code props}. */
    public static DispatcherConfig load(Map<String, String> props) {
        return new SmallRyeConfigBuilder()
                .withMapping(DispatcherConfig.class)
                .withConverter(Path.class, 100, s -> s.isBlank() ? null : Path.of(s))
                .withConverter(Duration.class, 100, s -> s.isBlank() ? null : Duration.parse(s))
                .withSources(new PropertiesConfigSource(props, "test", 100))
                .build()
                .getConfigMapping(DispatcherConfig.class);
    }
}
