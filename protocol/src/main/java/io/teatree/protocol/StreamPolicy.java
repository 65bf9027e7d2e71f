package io.teatree.protocol;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * What a service does to the streams when it (re)connects: the settings' owner {@linkplain Streams#provision
 * provisions} them with its retention, every other service only {@linkplain Streams#ensure ensures} they exist.
 *
 * @param ownedEventsMaxAge the events' retention this service owns, or null when it owns none
 */
public record StreamPolicy(Duration ownedEventsMaxAge) {

    /** Create what is missing, change nothing. */
    public static StreamPolicy ensureOnly() {
        return new StreamPolicy(null);
    }

    /** Create or update the streams, keeping events for {@code eventsMaxAge}. */
    public static StreamPolicy owner(Duration eventsMaxAge) {
        return new StreamPolicy(Objects.requireNonNull(eventsMaxAge, "eventsMaxAge"));
    }

    void apply(Connection connection) throws IOException, JetStreamApiException {
        if (ownedEventsMaxAge == null) {
            Streams.ensure(connection);
        } else {
            Streams.provision(connection, ownedEventsMaxAge);
        }
    }
}
