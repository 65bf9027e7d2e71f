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
 * Creates or updates the two JetStream streams of DESIGN §3, idempotently: every service calls
 * {@link #provision} on start.
 */
public final class Streams {

    /** Deduplication window of {@code TEATREE_INTENTS}: at least two minutes. */
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);

    private static final int NOT_FOUND = 10059;

    private Streams() {
    }

    /** Ensures both streams exist with the configured settings; {@code eventsMaxAge} is the events' retention. */
    public static void provision(Connection connection, Duration eventsMaxAge) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = connection.jetStreamManagement();
        createOrUpdate(jsm, intentsConfig());
        createOrUpdate(jsm, eventsConfig(eventsMaxAge));
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
        StreamInfo existing;
        try {
            existing = jsm.getStreamInfo(config.getName());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != NOT_FOUND) {
                throw e;
            }
            try {
                jsm.addStream(config);
            } catch (JetStreamApiException raced) {
                // another service created it at the same moment: fine if it now exists
                jsm.getStreamInfo(config.getName());
            }
            return;
        }
        StreamConfiguration current = existing.getConfiguration();
        if (!current.getMaxAge().equals(config.getMaxAge()) || !current.getDuplicateWindow().equals(config.getDuplicateWindow())
                || !current.getSubjects().equals(config.getSubjects())) {
            jsm.updateStream(config);
        }
    }
}
