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
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
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
    void anEmptyBodyIs400NamingTheBodyWithNothingStaged() throws Exception {
        String model = newModel("empty");
        HttpResponse<String> response = post(model, "sales", "mode=append", "text/csv", () -> new CsvBody(0), -1);
        assertRefused(response, 400, "the CSV payload is empty");
        assertNothingStagedOrQueued(model);
    }

    @Test
    void bodiesTheirFormatsCheckRefusesAreProblemsWithNothingStagedOrQueued() throws Exception {
        String model = newModel("malformed");
        // a 7-byte body once read as a 1.5 GiB length by the manager; with and without a declared length
        byte[] garbage = "garbage".getBytes(StandardCharsets.US_ASCII);
        assertRefused(post(model, "sales", "mode=append", PayloadFormat.ARROW.mediaType(), bytes(garbage), garbage.length), 400,
                "at byte offset 0 a message declares 1651663207 bytes of metadata");
        assertRefused(post(model, "sales", "mode=append", PayloadFormat.ARROW.mediaType(), bytes(garbage), -1), 400, "byte offset 0");
        byte[] arrowFile = "ARROW1\0\0garbage".getBytes(StandardCharsets.US_ASCII);
        assertRefused(post(model, "sales", "mode=append", PayloadFormat.ARROW.mediaType(), bytes(arrowFile), -1), 415,
                "Arrow IPC file format");
        byte[] parquet = "PAR1 not really".getBytes(StandardCharsets.US_ASCII);
        assertRefused(post(model, "sales", "mode=append", PayloadFormat.PARQUET.mediaType(), bytes(parquet), -1), 400, "must end with PAR1");
        byte[] latin1 = "id,name\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(post(model, "sales", "mode=append", "text/csv", bytes(latin1), -1), 400, "line 2 (at byte offset 8) is not UTF-8");
        byte[] ndjson = "{\"id\":1}\n[2]\n".getBytes(StandardCharsets.UTF_8);
        assertRefused(post(model, "sales", "mode=append", "application/x-ndjson", bytes(ndjson), -1), 400, "line 2");
        byte[] json = "[{\"id\":1}, 2]".getBytes(StandardCharsets.UTF_8);
        assertRefused(post(model, "sales", "mode=append", "application/json", bytes(json), -1), 400, "not an object");
        // a 9 MiB line, streamed: over the line cap (8 MiB), refused before it is held
        assertRefused(post(model, "sales", "mode=append", "text/csv", () -> new SequenceInputStream(
                new ByteArrayInputStream("id\n".getBytes(StandardCharsets.UTF_8)), new RepeatedByte((byte) '7', 9 * MB)), -1),
                413, "line 2 (at byte offset 3) is longer than 8388608 bytes");
        assertNothingStagedOrQueued(model);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String detail) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        var problem = Json.MAPPER.readTree(response.body());
        assertThat(problem.get("field").asText()).isEqualTo("body");
        assertThat(problem.get("detail").asText()).contains(detail);
    }

    private void assertNothingStagedOrQueued(String model) throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(s3.listMultipartUploads(b -> b.bucket(TeatreeServers.BUCKET)
                .prefix("staging/" + model + "/")).uploads()).isEmpty());
        assertThat(s3.listObjectsV2(b -> b.bucket(TeatreeServers.BUCKET).prefix("staging/" + model + "/")).contents()).isEmpty();
        assertThat(intentsOnStream(model)).isZero();
        assertThat(new ControlStore(dataSource).countIntents(ModelId.of(model), IntentStatus.QUEUED)).isZero();
    }

    private static Supplier<InputStream> bytes(byte[] body) {
        return () -> new ByteArrayInputStream(body);
    }

    /** {@code size} copies of one byte, made as they are read. */
    private static final class RepeatedByte extends InputStream {
        private final byte value;
        private long left;

        RepeatedByte(byte value, long size) {
            this.value = value;
            this.left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? value : -1;
        }

        @Override
        public int read(byte[] buffer, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(buffer, off, off + n, value);
            left -= n;
            return n;
        }
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
                                      Supplier<InputStream> body, long length) throws Exception {
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
