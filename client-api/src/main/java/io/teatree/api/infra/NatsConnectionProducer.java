package io.teatree.api.infra;

import io.nats.client.Connection;
import io.teatree.api.config.ApiConfig;
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
    Connection connection(ApiConfig config) throws IOException, InterruptedException {
        return NatsConnections.connect(config.nats().url(), "teatree-client-api", config.events().maxAge(),
                // no client-side buffering while disconnected: a publish must fail (503) rather than be sent
                // later, after the API already answered
                options -> options.reconnectBufferSize(0));
    }

    void close(@Disposes Connection connection) throws InterruptedException {
        connection.close();
    }
}
