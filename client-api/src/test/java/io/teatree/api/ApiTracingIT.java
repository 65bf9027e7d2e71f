package io.teatree.api;

import static io.restassured.RestAssured.given;
import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Message;
import io.nats.client.Subscription;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import io.teatree.protocol.telemetry.TraceAttributes;
import io.teatree.testkit.OtlpReceiver;
import io.teatree.testkit.ReceivedSpan;
import io.teatree.testkit.TeatreeTestResource;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ApiTracingIT.Tracing.class)
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class ApiTracingIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String APPEND = """
            {"function": "append", "args": {"table": "sales", "rows": [{"id": 1}]}}""";

    /** The OpenTelemetry SDK on, exporting to a receiver of the test. */
    public static class Tracing implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OtlpTestResource.class));
        }
    }

    OtlpReceiver receiver;

    @Test
    void aSubmissionIsAnApiSubmitSpanInTheClientsTraceWhoseContextRidesOnTheNatsMessage() throws Exception {
        String model = newModel("traced");
        String traceId = hex(16);
        String clientSpan = hex(8);
        Subscription subscription = Api.nats().subscribe(Subjects.intent(ModelId.of(model)));
        Api.nats().flush(Duration.ofSeconds(5));
        admin().get("/q/metrics").then().statusCode(200);

        String id = admin().contentType(ContentType.JSON).header("traceparent", traceparent(traceId, clientSpan)).body(APPEND)
                .post("/v1/models/{m}/intents", model).then().statusCode(202).extract().path("id");

        ReceivedSpan submit = receiver.await(s -> s.name().equals(TraceAttributes.API_SUBMIT) && s.traceId().equals(traceId), WAIT);
        ReceivedSpan server = receiver.await(s -> s.spanId().equals(submit.parentSpanId()), WAIT);
        assertThat(server.parentSpanId()).isEqualTo(clientSpan);
        assertThat(server.name()).isEqualTo("POST /v1/models/{m}/intents");
        assertThat(submit.isChildOf(server)).isTrue();
        assertThat(submit.service()).isEqualTo("teatree-client-api");
        assertThat(submit.attribute(TraceAttributes.MODEL.getKey())).isEqualTo(model);
        assertThat(submit.attribute(TraceAttributes.INTENT_ID.getKey())).isEqualTo(id);
        assertThat(submit.attribute(TraceAttributes.FUNCTION.getKey())).isEqualTo("append");
        assertThat(submit.error()).isFalse();

        Message message = subscription.nextMessage(WAIT);
        assertThat(message).isNotNull();
        assertThat(message.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo(id);
        assertThat(message.getHeaders().getFirst("traceparent")).isEqualTo(traceparent(traceId, submit.spanId()));
        subscription.unsubscribe();

        // the scrape before came first, so its span (if any) was exported no later than the submission's
        assertThat(receiver.spans()).noneMatch(s -> s.name().contains("/q/"));
    }

    @Test
    void bulkRowsAreOneApiSubmitSpanNamingTheModeAsFunction() throws Exception {
        String model = newModel("traced-rows");
        String traceId = hex(16);

        String id = admin().contentType("text/csv").header("traceparent", traceparent(traceId, hex(8))).body("id\n1\n")
                .post("/v1/models/{m}/tables/sales/rows?mode=upsert&key=id", model).then().statusCode(202).extract().path("id");

        ReceivedSpan submit = receiver.await(s -> s.name().equals(TraceAttributes.API_SUBMIT) && s.traceId().equals(traceId), WAIT);
        assertThat(submit.attribute(TraceAttributes.MODEL.getKey())).isEqualTo(model);
        assertThat(submit.attribute(TraceAttributes.INTENT_ID.getKey())).isEqualTo(id);
        assertThat(submit.attribute(TraceAttributes.FUNCTION.getKey())).isEqualTo("upsert");
        assertThat(submit.error()).isFalse();
    }

    @Test
    void aRejectedSubmissionEndsItsSpanInErrorWithTheProblemDetail() throws Exception {
        String model = newModel("traced-bad");
        String traceId = hex(16);

        admin().contentType(ContentType.JSON).header("traceparent", traceparent(traceId, hex(8)))
                .body("""
                        {"function": "teleport", "args": {}}""")
                .post("/v1/models/{m}/intents", model).then().statusCode(400);

        ReceivedSpan submit = receiver.await(s -> s.name().equals(TraceAttributes.API_SUBMIT) && s.traceId().equals(traceId), WAIT);
        assertThat(submit.error()).isTrue();
        assertThat(submit.statusMessage()).contains("unknown function 'teleport'");
        assertThat(submit.attribute(TraceAttributes.MODEL.getKey())).isEqualTo(model);
        assertThat(submit.attribute(TraceAttributes.FUNCTION.getKey())).isEqualTo("teleport");
        assertThat(submit.attributes()).doesNotContainKey(TraceAttributes.INTENT_ID.getKey());
    }

    private static String traceparent(String traceId, String spanId) {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    private static String hex(int bytes) {
        byte[] id = new byte[bytes];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
