package io.teatree.api;

import static io.restassured.RestAssured.given;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamInfoOptions;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Streams;
import io.teatree.protocol.Subjects;
import io.teatree.testkit.TeatreeServers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared helpers of the client API's integration tests. */
final class Api {

    /** The bootstrap admin key of the test profile. */
    static final String ADMIN_KEY = "test-admin-key";

    private static final AtomicInteger MODELS = new AtomicInteger();
    private static Connection nats;

    private Api() {
    }

    static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    static RequestSpecification admin() {
        return as(ADMIN_KEY);
    }

    /** Registers a fresh model and returns its id. */
    static String newModel(String prefix) {
        String id = prefix + "-" + ProcessHandle.current().pid() + "-" + MODELS.incrementAndGet();
        admin().contentType(ContentType.JSON).body(Map.of("id", id)).post("/v1/models").then().statusCode(201);
        return id;
    }

    /** A NATS connection of the test itself, to inspect and feed the streams. */
    static synchronized Connection nats() throws Exception {
        if (nats == null || nats.getStatus() == Connection.Status.CLOSED) {
            nats = Nats.connect(Options.builder().server(TeatreeServers.get().nats().url()).maxReconnects(-1)
                    .reconnectWait(Duration.ofMillis(200)).build());
            Streams.provision(nats, Duration.ofDays(7));
        }
        return nats;
    }

    /** How many messages {@code TEATREE_INTENTS} holds for the model. */
    static long intentsOnStream(String model) throws Exception {
        JetStreamManagement jsm = nats().jetStreamManagement();
        String subject = Subjects.intent(ModelId.of(model));
        StreamInfo info = jsm.getStreamInfo(Subjects.INTENTS_STREAM, StreamInfoOptions.filterSubjects(subject));
        Map<String, Long> counts = info.getStreamState().getSubjectMap();
        return counts.getOrDefault(subject, 0L);
    }
}
