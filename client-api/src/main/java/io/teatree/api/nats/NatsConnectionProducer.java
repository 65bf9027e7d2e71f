package io.teatree.api.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.quarkus.logging.Log;
import io.teatree.api.ApiConfig;
import io.teatree.protocol.Streams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/**
 * The service's one NATS connection. It connects in the background and reconnects forever, so the
 * service starts (and reports not-ready) while NATS is away; streams are provisioned on every (re)connect.
 */
@ApplicationScoped
public class NatsConnectionProducer {

    @Produces
    @ApplicationScoped
    Connection connection(ApiConfig config) throws java.io.IOException, InterruptedException {
        ConnectionListener provisionOnConnect = (conn, event) -> {
            if (event == ConnectionListener.Events.CONNECTED || event == ConnectionListener.Events.RECONNECTED) {
                Thread.ofVirtual().start(() -> provision(conn, config.events().maxAge()));
            }
        };
        Options options = Options.builder()
                .server(config.nats().url())
                .connectionName("teatree-client-api")
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                .connectionTimeout(Duration.ofSeconds(2))
                // no client-side buffering while disconnected: a publish must fail (503) rather than be sent
                // later, after the API already answered
                .reconnectBufferSize(0)
                .connectionListener(provisionOnConnect)
                .build();
        return Nats.connectReconnectOnConnect(options);
    }

    void close(@Disposes Connection connection) throws InterruptedException {
        connection.close();
    }

    private static void provision(Connection connection, Duration eventsMaxAge) {
        try {
            Streams.provision(connection, eventsMaxAge);
        } catch (Exception e) {
            Log.warnf("cannot provision JetStream streams yet: %s", e.getMessage());
        }
    }
}
