package io.teatree.dispatcher;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Builds {@link DispatcherConfig} from properties without Quarkus, with unknown-property validation on. */
public final class TestConfigs {

    private static final Map<String, String> REQUIRED = Map.of("teatree.s3.access-key", "a", "teatree.s3.secret-key", "s");

    private TestConfigs() {
    }

    /** The mapping of {@code props} plus the required S3 keys. */
    public static DispatcherConfig load(Map<String, String> props) {
        Map<String, String> all = new HashMap<>(REQUIRED);
        all.putAll(props);
        return new SmallRyeConfigBuilder()
                .withMapping(DispatcherConfig.class)
                .withConverter(Path.class, 100, s -> s.isBlank() ? null : Path.of(s))
                .withConverter(Duration.class, 100, s -> s.isBlank() ? null : Duration.parse(s))
                .withSources(new PropertiesConfigSource(all, "test", 100))
                .build()
                .getConfigMapping(DispatcherConfig.class);
    }
}
