package io.teatree.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The client API's configuration ({@code teatree.*}). */
@ConfigMapping(prefix = "teatree")
public interface ApiConfig {

    Nats nats();

    Events events();

    S3 s3();

    /** NATS connection. */
    interface Nats {
        /** Server URL, e.g. {@code nats://127.0.0.1:4222}. */
        @WithDefault("nats://127.0.0.1:4222")
        String url();
    }

    /** The S3-compatible object store (path-style addressing). */
    interface S3 {
        @WithDefault("http://127.0.0.1:9000")
        String endpoint();

        @WithDefault("us-east-1")
        String region();

        @WithDefault("teatree")
        String bucket();

        String accessKey();

        String secretKey();
    }

    /** The events stream. */
    interface Events {
        /** How long events are kept in {@code TEATREE_EVENTS}. */
        @WithDefault("P7D")
        Duration maxAge();
    }
}
