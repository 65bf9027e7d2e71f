package io.teatree.service.nats;

import io.nats.client.Connection;
import io.teatree.protocol.NatsConnections;
import io.teatree.protocol.StreamPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's one NATS connection (see {@link NatsConnections}), named after the application. It provisions
 * the streams' settings only when the service owns them ({@link EventsRetention}).
 */
@ApplicationScoped
public class NatsConnectionProducer {

    @Produces
    @ApplicationScoped
    Connection connection(NatsConfig nats, @ConfigProperty(name = "quarkus.application.name") String name,
                          Instance<EventsRetention> retention) throws IOException, InterruptedException {
        StreamPolicy streams = retention.isResolvable() ? StreamPolicy.owner(retention.get().maxAge()) : StreamPolicy.ensureOnly();
        long buffer = nats.reconnectBuffer().asLongValue();
        return NatsConnections.connect(nats.url(), name, streams, options -> {
            nats.user().ifPresent(user -> options.userInfo(user, nats.password().orElse("")));
            return options.reconnectBufferSize(buffer);
        });
    }

    void close(@Disposes Connection connection) throws InterruptedException {
        connection.close();
    }
}
