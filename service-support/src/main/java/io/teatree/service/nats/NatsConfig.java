package io.teatree.service.nats;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The NATS connection of a service ({@code teatree.nats.*}), the same keys in every service. */
@ConfigMapping(prefix = "teatree.nats")
public interface NatsConfig {

    /** Server URL, e.g. {@code nats://127.0.0.1:4222}. */
    @WithDefault("nats://127.0.0.1:4222")
    String url();

    /**
     * The service's NATS user (docs/security.md: one per service, each allowed only its subjects); none connects
     * anonymously, which a locked server refuses.
     */
    Optional<String> user();

    /** The user's password; give it in the environment ({@code TEATREE_NATS_PASSWORD}), never on a command line. */
    Optional<String> password();

    /** How long a publish waits for JetStream's acknowledgement before it counts as failed. */
    @WithDefault("PT5S")
    Duration publishTimeout();

    /**
     * What the client buffers while disconnected, to send after reconnecting. The client API sets 0: a
     * publish must fail (503) rather than be sent later, after the API has answered.
     */
    @WithDefault("8M")
    MemorySize reconnectBuffer();
}
