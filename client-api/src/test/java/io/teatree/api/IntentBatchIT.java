package io.teatree.api;

import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.intentsOnStream;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.TeatreeTestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * NDJSON batches on {@code POST /v1/models/{m}/intents}: each line answered in order, bad lines refused alone
 * (207), good lines queued exactly once and readable at once, idempotency keys inside and across batches, and
 * NATS going away mid-batch never reporting a line queued that JetStream did not acknowledge.
 */
@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class IntentBatchIT {

    private static final String APPEND = "{\"function\": \"append\", \"args\": {\"table\": \"t\", \"rows\": [{\"id\": %d}]}}";

    @Test
    void badLinesAreRefusedAloneAndGoodLinesAreQueuedOnceAndReadableAtOnce() throws Exception {
        String model = newModel("batch");
        String body = String.format(APPEND, 1) + "\n"
                + "{\"function\": \"teleport\", \"args\": {}}\n"
                + "\n"
                + "{\"function\": \"append\", \"args\": {\"table\": \"t\", \"rows\": [{\"id\": 2}]}\n"
                + String.format(APPEND, 3) + "\r\n"
                + "{\"function\": \"append\", \"args\": {\"table\": \"t\"}, \"extra\": 1}\n"
                + String.format(APPEND, 4);
        Response response = post(model, body);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(207);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> lines = lines(response);
        assertThat(lines).extracting(l -> l.get("line").asInt()).containsExactly(1, 2, 4, 5, 6, 7);
        assertThat(lines.get(1).get("field").asText()).isEqualTo("function");
        assertThat(lines.get(1).get("status").asInt()).isEqualTo(400);
        assertThat(lines.get(2).get("type").asText()).endsWith("malformed-json");
        assertThat(lines.get(4).get("field").asText()).isEqualTo("extra");
        for (int i : new int[] {0, 3, 5}) {
            assertThat(lines.get(i).get("status").asText()).isEqualTo("queued");
            admin().get("/v1/intents/{id}", lines.get(i).get("id").asText()).then().statusCode(200); // read-your-writes
        }
        assertThat(intentsOnStream(model)).isEqualTo(3);

        Response allGood = post(model, String.format(APPEND, 5) + "\n" + String.format(APPEND, 6) + "\n");
        assertThat(allGood.statusCode()).isEqualTo(202);
        assertThat(lines(allGood)).hasSize(2);
        assertThat(intentsOnStream(model)).isEqualTo(5);
    }

    @Test
    void idempotencyKeysHoldInsideAndAcrossBatches() throws Exception {
        String model = newModel("batch-idem");
        String a = "{\"function\": \"append\", \"idempotencyKey\": \"k-a\", \"args\": {\"table\": \"t\", \"rows\": [{\"id\": 1}]}}";
        String aAgain = a;
        String aOther = "{\"function\": \"append\", \"idempotencyKey\": \"k-a\", \"args\": {\"table\": \"t\", \"rows\": [{\"id\": 9}]}}";
        String b = "{\"function\": \"append\", \"idempotencyKey\": \"k-b\", \"args\": {\"table\": \"t\", \"rows\": [{\"id\": 2}]}}";
        List<JsonNode> first = lines(post(model, a + "\n" + aAgain + "\n" + aOther + "\n" + b + "\n"));
        assertThat(first.get(0).get("id").asText()).isEqualTo(first.get(1).get("id").asText());
        assertThat(first.get(1).get("status").asText()).isEqualTo("queued");
        assertThat(first.get(2).get("status").asInt()).isEqualTo(409);
        assertThat(first.get(2).get("field").asText()).isEqualTo("idempotencyKey");
        assertThat(intentsOnStream(model)).isEqualTo(2);

        Response again = post(model, b + "\n" + a + "\n" + aOther + "\n");
        List<JsonNode> second = lines(again);
        assertThat(again.statusCode()).isEqualTo(207);
        assertThat(second.get(0).get("id").asText()).isEqualTo(first.get(3).get("id").asText());
        assertThat(second.get(1).get("id").asText()).isEqualTo(first.get(0).get("id").asText());
        assertThat(second.get(2).get("status").asInt()).isEqualTo(409);
        assertThat(intentsOnStream(model)).as("nothing published twice").isEqualTo(2);
        // a single submission with a key a batch used answers the same intent
        admin().contentType("application/json").header("Idempotency-Key", "k-b")
                .body("{\"function\": \"append\", \"args\": {\"table\": \"t\", \"rows\": [{\"id\": 2}]}}").post("/v1/models/{m}/intents", model)
                .then().statusCode(202).body("id", org.hamcrest.Matchers.equalTo(first.get(3).get("id").asText()));
    }

    @Test
    void withNatsGoingAwayMidBatchNoLineIsReportedQueuedThatJetStreamDidNotAck() throws Exception {
        String model = newModel("batch-outage");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            body.append(String.format(APPEND, i)).append('\n');
        }
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> post(model, body.toString()));
        // stop NATS once the first lines are on the stream (or the batch is already answered)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                .until(() -> answer.isDone() || intentsOnStream(model) > 0);
        TeatreeServers.get().nats().stop();
        Response response;
        try {
            response = answer.join();
        } finally {
            TeatreeServers.get().nats().start();
        }
        Set<String> onStream = idsOnStream(model);
        if (response.statusCode() == 503) {
            assertThat(response.contentType()).startsWith("application/problem+json"); // NATS was gone before the batch began
            return;
        }
        List<JsonNode> lines = lines(response);
        assertThat(lines).hasSize(10_000);
        int queued = 0;
        for (JsonNode line : lines) {
            if (line.has("id")) {
                queued++;
                assertThat(onStream).as("line %s answered queued", line.get("line")).contains(line.get("id").asText());
            } else {
                assertThat(line.get("status").asInt()).as(line.toString()).isEqualTo(503);
            }
        }
        System.out.printf("NATS stopped mid-batch: %d of 10000 lines answered queued, %d on the stream%n", queued, onStream.size());
    }

    private static Set<String> idsOnStream(String model) throws Exception {
        var nc = Api.nats();
        Set<String> ids = new HashSet<>();
        ConsumerConfiguration config = ConsumerConfiguration.builder().filterSubject(Subjects.intent(ModelId.of(model)))
                .deliverPolicy(DeliverPolicy.All).build();
        JetStreamSubscription sub = nc.jetStream().subscribe(Subjects.intent(ModelId.of(model)),
                PullSubscribeOptions.builder().configuration(config).build());
        try {
            while (true) {
                List<Message> batch = sub.fetch(1000, Duration.ofMillis(500));
                if (batch.isEmpty()) {
                    return ids;
                }
                for (Message m : batch) {
                    ids.add(Json.read(m.getData(), IntentEnvelope.class).id().toString());
                }
            }
        } finally {
            sub.unsubscribe();
        }
    }

    private static Response post(String model, String body) {
        return admin().contentType("application/x-ndjson").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/v1/models/{m}/intents", model);
    }

    private static List<JsonNode> lines(Response response) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.asString().split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(Json.MAPPER.readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }
        }
        return lines;
    }
}
