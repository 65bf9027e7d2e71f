package io.teatree.dispatcher.nats;

import io.nats.client.Connection;
import io.teatree.dispatcher.DispatcherConfig;
import io.teatree.protocol.NatsConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;

/** The service's one NATS connection (see {@link NatsConnections}). */
@ApplicationScoped
public class NatsConnectionProducer {

    @Produces
    @ApplicationScoped
    Connection connection(DispatcherConfig config) throws IOException, InterruptedException {
        return NatsConnections.connect(config.nats().url(), "teatree-dispatcher", config.events().maxAge(), options -> options);
    }

    void close(@Disposes Connection connection) throws InterruptedException {
        connection.close();
    }
}
