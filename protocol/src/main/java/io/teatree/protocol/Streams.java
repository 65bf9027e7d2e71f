package io.teatree.protocol;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;

/**
 * The one owner of the two JetStream streams' settings (docs/design.md, names on the wire). Every service
 * calls {@link #ensure} on (re)connect, which creates a missing stream and never changes an existing one; only
 * the client API, which owns the events' retention, calls {@link #provision}, which also updates it. So no
 * service's defaults can reset another's settings.
 */
public final class Streams {

    /** Deduplication window of {@code TEATREE_INTENTS}: at least two minutes. */
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);

    /** JetStream's "stream not found" API error (jnats' NatsJetStreamConstants has none for it). */
    private static final int STREAM_NOT_FOUND = 10059;

    /** How long events are kept when the owner has not said otherwise. */
    public static final Duration DEFAULT_EVENTS_MAX_AGE = Duration.ofDays(7);

    private Streams() {
    }

    /**
     * Ensures both streams exist with these settings, updating them where they differ; {@code eventsMaxAge} is
     * the events' retention. Only the settings' owner calls it.
     */
    public static void provision(Connection connection, Duration eventsMaxAge) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = connection.jetStreamManagement();
        createOrUpdate(jsm, intentsConfig());
        createOrUpdate(jsm, eventsConfig(eventsMaxAge));
    }

    /** Creates either stream when it is missing (events kept {@link #DEFAULT_EVENTS_MAX_AGE}); never changes one. */
    public static void ensure(Connection connection) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = connection.jetStreamManagement();
        createIfMissing(jsm, intentsConfig());
        createIfMissing(jsm, eventsConfig(DEFAULT_EVENTS_MAX_AGE));
    }

    static StreamConfiguration intentsConfig() {
        return StreamConfiguration.builder()
                .name(Subjects.INTENTS_STREAM)
                .subjects(Subjects.ALL_INTENTS)
                .retentionPolicy(RetentionPolicy.WorkQueue)
                .storageType(StorageType.File)
                .duplicateWindow(DUPLICATE_WINDOW)
                .build();
    }

    static StreamConfiguration eventsConfig(Duration maxAge) {
        return StreamConfiguration.builder()
                .name(Subjects.EVENTS_STREAM)
                .subjects(Subjects.ALL_EVENTS)
                .retentionPolicy(RetentionPolicy.Limits)
                .discardPolicy(DiscardPolicy.Old)
                .storageType(StorageType.File)
                .maxAge(maxAge)
                .duplicateWindow(DUPLICATE_WINDOW)
                .build();
    }

    private static void createOrUpdate(JetStreamManagement jsm, StreamConfiguration config) throws IOException, JetStreamApiException {
        StreamInfo existing = createIfMissing(jsm, config);
        if (existing == null) {
            return;
        }
        StreamConfiguration current = existing.getConfiguration();
        if (!current.getMaxAge().equals(config.getMaxAge()) || !current.getDuplicateWindow().equals(config.getDuplicateWindow())
                || !current.getSubjects().equals(config.getSubjects())) {
            jsm.updateStream(config);
        }
    }

    /** The stream's info when it existed, or null when this call created it. */
    private static StreamInfo createIfMissing(JetStreamManagement jsm, StreamConfiguration config) throws IOException, JetStreamApiException {
        try {
            return jsm.getStreamInfo(config.getName());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
        }
        try {
            jsm.addStream(config);
        } catch (JetStreamApiException raced) {
            // another service created it at the same moment: fine if it now exists
            jsm.getStreamInfo(config.getName());
        }
        return null;
    }
}
