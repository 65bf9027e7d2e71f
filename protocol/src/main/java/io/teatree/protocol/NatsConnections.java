package io.teatree.protocol;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one way services connect to NATS: in the background, reconnecting forever (so a service starts, and
 * reports not-ready, while NATS is away), making sure of the streams on every (re)connect ({@link StreamPolicy}).
 */
public final class NatsConnections {

    private static final Logger LOG = Logger.getLogger(NatsConnections.class.getName());

    private NatsConnections() {
    }

    /**
     * Connects to {@code url} as {@code name}; {@code tune} may adjust the options (e.g. the reconnect buffer).
     * Returns at once; the connection's status tells when it is up.
     */
    public static Connection connect(String url, String name, StreamPolicy streams, UnaryOperator<Options.Builder> tune)
            throws IOException, InterruptedException {
        ConnectionListener provisionOnConnect = (conn, event) -> {
            if (event == ConnectionListener.Events.CONNECTED || event == ConnectionListener.Events.RECONNECTED) {
                Thread.ofVirtual().start(() -> provision(conn, streams));
            }
        };
        Options.Builder options = Options.builder()
                .server(url)
                .connectionName(name)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                .connectionTimeout(Duration.ofSeconds(2))
                .connectionListener(provisionOnConnect);
        return Nats.connectReconnectOnConnect(tune.apply(options).build());
    }

    private static void provision(Connection connection, StreamPolicy streams) {
        try {
            streams.apply(connection);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot provision JetStream streams yet: {0}", e.getMessage());
        }
    }
}
