package io.teatree.api;

import static io.teatree.api.Api.ADMIN_KEY;
import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.teatree.testkit.TeatreeTestResource;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class ApiMetricsIT {

    private static final String ACCEPTED = "teatree_api_intents_accepted_total";
    private static final String REJECTED = "teatree_api_intents_rejected_total";
    private static final String SUBSCRIBERS = "teatree_api_sse_subscribers";
    private static final String APPEND = """
            {"function": "append", "args": {"table": "sales", "rows": [{"id": 1}]}}""";
    private static final String CREATE = """
            {"function": "create_table", "args": {"table": "sales", "columns": {"id": "BIGINT"}}}""";
    private static final String TELEPORT = """
            {"function": "teleport", "args": {}}""";

    @TestHTTPResource("/")
    URI base;

    @Test
    void acceptedAndRejectedSubmissionsAreCountedByModelFunctionAndStatus() {
        String a = newModel("metrics-a");
        String b = newModel("metrics-b");
        Metrics before = Metrics.scrape();

        submit(a, APPEND, 202, 3);
        submit(a, CREATE, 202, 1);
        submit(b, APPEND, 202, 2);
        submit(b, CREATE, 202, 2);
        rows(b, "mode=append", 202);
        // an idempotent replay is one intent, counted once
        admin().contentType(ContentType.JSON).header("Idempotency-Key", "once").body(APPEND).post("/v1/models/{m}/intents", a)
                .then().statusCode(202);
        admin().contentType(ContentType.JSON).header("Idempotency-Key", "once").body(APPEND).post("/v1/models/{m}/intents", a)
                .then().statusCode(202);

        submit(a, TELEPORT, 400, 2);
        submit("metrics-no-such-model", APPEND, 404, 1);
        rows(b, "mode=merge", 400);

        Metrics after = Metrics.scrape();
        assertThat(after.value(ACCEPTED, "model", a, "function", "append")).isEqualTo(4.0);
        assertThat(after.value(ACCEPTED, "model", a, "function", "create_table")).isEqualTo(1.0);
        assertThat(after.value(ACCEPTED, "model", b, "function", "append")).isEqualTo(3.0);
        assertThat(after.value(ACCEPTED, "model", b, "function", "create_table")).isEqualTo(2.0);
        assertThat(after.named(ACCEPTED)).noneMatch(s -> "teleport".equals(s.labels().get("function")));
        assertThat(after.value(REJECTED, "status", "400") - before.value(REJECTED, "status", "400")).isEqualTo(3.0);
        assertThat(after.value(REJECTED, "status", "404") - before.value(REJECTED, "status", "404")).isEqualTo(1.0);
    }

    @Test
    void sseSubscribersGaugeFollowsOpenStreams() throws Exception {
        String model = newModel("metrics-sse");
        // streams of earlier tests end once their disconnect is noticed (at the next heartbeat)
        awaitSubscribers(0);
        Subscriber first = Subscriber.open(base.resolve("/v1/models/" + model + "/events"));
        Subscriber second = Subscriber.open(base.resolve("/v1/models/" + model + "/events"));
        try {
            awaitSubscribers(2);
            first.close();
            awaitSubscribers(1);
        } finally {
            first.close();
            second.close();
        }
        awaitSubscribers(0);
    }

    private static void awaitSubscribers(int expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Metrics.scrape().value(SUBSCRIBERS)).isEqualTo(expected));
    }

    private static void submit(String model, String body, int status, int times) {
        for (int i = 0; i < times; i++) {
            admin().contentType(ContentType.JSON).body(body).post("/v1/models/{m}/intents", model).then().statusCode(status);
        }
    }

    private static void rows(String model, String query, int status) {
        admin().contentType("text/csv").body("id\n1\n").post("/v1/models/{m}/tables/sales/rows?" + query, model)
                .then().statusCode(status);
    }

    /** An open event stream; closing it disconnects. */
    private record Subscriber(HttpClient client, InputStream body) implements AutoCloseable {

        static Subscriber open(URI uri) throws Exception {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + ADMIN_KEY)
                    .header("Accept", "text/event-stream").GET().build();
            HttpResponse<InputStream> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            return new Subscriber(client, response.body());
        }

        @Override
        public void close() throws Exception {
            body.close();
            client.shutdownNow();
        }
    }
}
