package io.teatree.api;

import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.intentsOnStream;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.nats.client.api.MessageInfo;
import io.nats.client.PurgeOptions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import io.teatree.protocol.control.ControlStore;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.TeatreeTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class IntentSubmissionIT {

    private static final String APPEND = """
            {"function": "append", "args": {"table": "sales", "rows": [{"id": 1, "amount": 2.5}]}}""";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void acceptedIntentIsOnItsSubjectWithItsIdAsMsgIdAndRecordedQueued() throws Exception {
        String model = newModel("submit");
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        String id = admin().contentType(ContentType.JSON).header("traceparent", traceparent).body(APPEND)
                .post("/v1/models/{m}/intents", model)
                .then().statusCode(202)
                .body("model", equalTo(model)).body("status", equalTo("queued"))
                .body("links.self", startsWith("/v1/intents/"))
                .extract().path("id");

        MessageInfo message = Api.nats().jetStreamManagement().getLastMessage(Subjects.INTENTS_STREAM, Subjects.intent(ModelId.of(model)));
        assertThat(message.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo(id);
        // tracing is off in this profile: the client's own trace context rides on unchanged (ApiTracingIT: on)
        assertThat(message.getHeaders().getFirst("traceparent")).isEqualTo(traceparent);
        IntentEnvelope envelope = Json.read(message.getData(), IntentEnvelope.class);
        assertThat(envelope.id()).isEqualTo(UUID.fromString(id));
        assertThat(envelope.function()).isEqualTo("append");
        assertThat(envelope.requester()).isEqualTo("bootstrap");
        assertThat(envelope.args().get("rows").size()).isEqualTo(1);
        assertThat(new ControlStore(dataSource).intent(UUID.fromString(id)).orElseThrow().status()).isEqualTo(IntentStatus.QUEUED);

        admin().get("/v1/intents/{id}", id).then().statusCode(200)
                .body("status", equalTo("queued")).body("function", equalTo("append")).body("model", equalTo(model));
    }

    @Test
    void withNatsStoppedTheApiAnswers503AndRecordsNothing() throws Exception {
        String model = newModel("outage");
        TeatreeServers.get().nats().stop();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    admin().contentType(ContentType.JSON).body(APPEND).post("/v1/models/{m}/intents", model)
                            .then().statusCode(503).contentType("application/problem+json")
                            .header("Retry-After", equalTo("2")));
        } finally {
            TeatreeServers.get().nats().start();
        }
        ControlStore control = new ControlStore(dataSource);
        assertThat(control.countIntents(ModelId.of(model), IntentStatus.QUEUED)).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                admin().contentType(ContentType.JSON).body(APPEND).post("/v1/models/{m}/intents", model).then().statusCode(202));
        assertThat(intentsOnStream(model)).isEqualTo(1);
        assertThat(control.countIntents(ModelId.of(model), IntentStatus.QUEUED)).isEqualTo(1);
    }

    @Test
    void idempotencyKeyGivesTheSameIntentOnceAndRefusesAnotherBody() throws Exception {
        String model = newModel("idem");
        String first = submitWithKey(model, "order-42", APPEND).then().statusCode(202).extract().path("id");
        String again = submitWithKey(model, "order-42", APPEND.replace("\"rows\"", " \"rows\" ")).then().statusCode(202).extract().path("id");
        assertThat(again).isEqualTo(first);
        assertThat(intentsOnStream(model)).isEqualTo(1);

        submitWithKey(model, "order-42", APPEND.replace("2.5", "3.5")).then().statusCode(409)
                .contentType("application/problem+json").body("field", equalTo("Idempotency-Key"));
        assertThat(intentsOnStream(model)).isEqualTo(1);

        // past JetStream's duplicate window (simulated by purging), Postgres still knows the key
        Api.nats().jetStreamManagement().purgeStream(Subjects.INTENTS_STREAM,
                PurgeOptions.subject(Subjects.intent(ModelId.of(model))));
        String later = submitWithKey(model, "order-42", APPEND).then().statusCode(202).extract().path("id");
        assertThat(later).isEqualTo(first);
        assertThat(intentsOnStream(model)).isZero();
    }

    private static io.restassured.response.Response submitWithKey(String model, String key, String body) {
        return admin().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/v1/models/{m}/intents", model);
    }
}
