package io.teatree.api;

import static io.teatree.api.Api.ADMIN_KEY;
import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.intentsOnStream;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.nats.client.api.MessageInfo;
import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.teatree.functions.PayloadFormat;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import io.teatree.protocol.control.ControlStore;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.TeatreeTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class RowsUploadIT {

    private static final long MB = 1024 * 1024;

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    S3Client s3;

    @Test
    void a50MbCsvStreamsToS3WithoutHoldingItAndQueuesOneIntent() throws Exception {
        String model = newModel("bulk");
        long size = 50 * MB;
        HttpResponse<String> response;
        long growth;
        try (HeapWatch heap = new HeapWatch()) {
            // one full collection while the body is half sent: a body held in memory would be live then
            response = post(model, "sales", "mode=append", "text/csv", () -> new CsvBody(size, System::gc), size);
            growth = heap.growth();
            Log.infof("50 MB upload: heap after collections grew by at most %.1f MB (%d collections observed)", growth / (double) MB, heap.collections());
            assertThat(heap.collections()).isPositive();
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(growth).isLessThan(20 * MB);

        String id = Json.MAPPER.readTree(response.body()).get("id").asText();
        MessageInfo message = Api.nats().jetStreamManagement().getLastMessage(Subjects.INTENTS_STREAM, Subjects.intent(ModelId.of(model)));
        IntentEnvelope intent = Json.read(message.getData(), IntentEnvelope.class);
        assertThat(intent.id().toString()).isEqualTo(id);
        assertThat(intent.function()).isEqualTo("append");
        assertThat(intent.args().get("table").asText()).isEqualTo("sales");
        assertThat(intent.payloadRef().uri()).isEqualTo("s3://" + TeatreeServers.BUCKET + "/staging/" + model + "/" + id);
        assertThat(intent.payloadRef().format()).isEqualTo(PayloadFormat.CSV);
        assertThat(intent.payloadRef().bytes()).isEqualTo(size);
        assertThat(s3.headObject(b -> b.bucket(TeatreeServers.BUCKET).key("staging/" + model + "/" + id)).contentLength()).isEqualTo(size);
        assertThat(intentsOnStream(model)).isEqualTo(1);
        assertThat(new ControlStore(dataSource).countIntents(ModelId.of(model), IntentStatus.QUEUED)).isEqualTo(1);
    }

    @Test
    void aBodyOverTheLimitIs413WithNothingStagedOrQueued() throws Exception {
        String model = newModel("toobig");
        long limit = 60 * MB;
        HttpResponse<String> declared = post(model, "sales", "mode=append", "text/csv", () -> new CsvBody(limit + 1), limit + 1);
        assertThat(declared.statusCode()).isEqualTo(413);
        HttpResponse<String> streamed = post(model, "sales", "mode=append", "text/csv", () -> new CsvBody(limit + 6 * MB), -1);
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(413);
        assertThat(streamed.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        // the SDK aborts the multipart upload once the body failed, in the background: just after the 413
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(s3.listMultipartUploads(b -> b.bucket(TeatreeServers.BUCKET)
                .prefix("staging/" + model + "/")).uploads()).isEmpty());
        assertThat(s3.listObjectsV2(b -> b.bucket(TeatreeServers.BUCKET).prefix("staging/" + model + "/")).contents()).isEmpty();
        assertThat(intentsOnStream(model)).isZero();
        assertThat(new ControlStore(dataSource).countIntents(ModelId.of(model), IntentStatus.QUEUED)).isZero();
    }

    @Test
    void anEmptyBodyIsStagedAsAnEmptyObject() throws Exception {
        String model = newModel("empty");
        HttpResponse<String> response = post(model, "sales", "mode=append", "text/csv", () -> new CsvBody(0), -1);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = Json.MAPPER.readTree(response.body()).get("id").asText();
        MessageInfo message = Api.nats().jetStreamManagement().getLastMessage(Subjects.INTENTS_STREAM, Subjects.intent(ModelId.of(model)));
        assertThat(Json.read(message.getData(), IntentEnvelope.class).payloadRef().bytes()).isZero();
        assertThat(s3.headObject(b -> b.bucket(TeatreeServers.BUCKET).key("staging/" + model + "/" + id)).contentLength()).isZero();
    }

    @Test
    void withS3StoppedAnUploadIs503AndNothingIsQueued() throws Exception {
        String model = newModel("s3down");
        TeatreeServers.get().s3().stop();
        try {
            // within one part (a single PUT) and over several parts (a multipart upload), neither left hanging
            HttpResponse<String> small = post(model, "sales", "mode=append", "text/csv", () -> new CsvBody(1000), -1);
            assertThat(small.statusCode()).as(small.body()).isEqualTo(503);
            HttpResponse<String> large = post(model, "sales", "mode=append", "text/csv", () -> new CsvBody(30 * MB), -1);
            assertThat(large.statusCode()).as(large.body()).isEqualTo(503);
            assertThat(large.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        } finally {
            TeatreeServers.get().s3().start();
        }
        assertThat(intentsOnStream(model)).isZero();
        assertThat(new ControlStore(dataSource).countIntents(ModelId.of(model), IntentStatus.QUEUED)).isZero();
    }

    @Test
    void rowsRequestsAreValidatedBeforeTheBodyIsRead() throws Exception {
        String model = newModel("rowsbad");
        assertThat(post(model, "sales", "mode=merge", "text/csv", () -> new CsvBody(100), 100).statusCode()).isEqualTo(400);
        assertThat(post(model, "sales", "mode=upsert", "text/csv", () -> new CsvBody(100), 100).statusCode()).isEqualTo(400);
        assertThat(post(model, "bad-table", "mode=append", "text/csv", () -> new CsvBody(100), 100).statusCode()).isEqualTo(400);
        assertThat(post(model, "sales", "mode=append", "application/xml", () -> new CsvBody(100), 100).statusCode()).isEqualTo(415);
        assertThat(post("no-such-model", "sales", "mode=append", "text/csv", () -> new CsvBody(100), 100).statusCode()).isEqualTo(404);
        assertThat(intentsOnStream(model)).isZero();

        admin().contentType("application/x-ndjson").body("{\"id\": 1}\n{\"id\": 2}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/models/{m}/tables/{t}/rows?mode=upsert&key=id", model, "sales")
                .then().statusCode(202).body("status", equalTo("queued"));
        MessageInfo message = Api.nats().jetStreamManagement().getLastMessage(Subjects.INTENTS_STREAM, Subjects.intent(ModelId.of(model)));
        IntentEnvelope intent = Json.read(message.getData(), IntentEnvelope.class);
        assertThat(intent.function()).isEqualTo("upsert");
        assertThat(intent.args().get("key").get(0).asText()).isEqualTo("id");
        assertThat(intent.payloadRef().format()).isEqualTo(PayloadFormat.NDJSON);
    }

    private HttpResponse<String> post(String model, String table, String query, String contentType,
                                      Supplier<java.io.InputStream> body, long length) throws Exception {
        HttpRequest.BodyPublisher publisher = length < 0 ? HttpRequest.BodyPublishers.ofInputStream(body)
                : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body), length);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/models/" + model + "/tables/" + table + "/rows?" + query))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(120)).POST(publisher).build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
