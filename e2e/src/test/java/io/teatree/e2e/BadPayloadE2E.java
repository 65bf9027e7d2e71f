package io.teatree.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.e2e.support.ApiClient;
import io.teatree.e2e.support.CrashFunction;
import io.teatree.e2e.support.TeatreeSystem;
import io.teatree.protocol.Json;
import io.teatree.testkit.PluginJar;
import io.teatree.testkit.TeatreeServers;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Garbage bodies of every format, lying lengths and truncated files sent as bulk rows between good intents
 * (issue #13): each bad one is refused by the API or fails alone with {@code bad-payload}; every good one is
 * applied exactly once, in order, and the model's manager keeps running.
 */
class BadPayloadE2E {

    private static final String MODEL = "garbage";

    private static TeatreeSystem system;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        // a plugin function that kills its manager, in the functions directory the API and the managers share
        Path functions = PluginJar.in(TeatreeServers.get().newDirectory("e2e-functions"), CrashFunction.class);
        system = TeatreeSystem.start(Map.of("TEATREE_FUNCTIONS_DIR", functions.toString()),
                Map.of("TEATREE_DISPATCHER_LOCAL_FUNCTIONS_DIR", functions.toString()));
        api = new ApiClient(system.apiUrl(), TeatreeSystem.ADMIN_KEY);
        api.registerModel(MODEL);
        assertThat(api.run(MODEL, "create_table", Map.of("table", "t", "columns", Map.of("id", "BIGINT"))).get("status").asText())
                .isEqualTo("succeeded");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void badBodiesFailAloneAndEveryGoodIntentIsAppliedInOrder() throws Exception {
        byte[] arrow = arrowStream(3);
        Random random = new Random(13);
        byte[] noise = new byte[2048];
        random.nextBytes(noise);
        // what the API's checks see is refused before queueing (the status); what only the manager sees fails alone
        List<Bad> bad = List.of(
                new Bad("7-byte arrow body declaring 1.5 GiB", ARROW, "garbage".getBytes(StandardCharsets.US_ASCII), 400),
                new Bad("truncated arrow stream", ARROW, Arrays.copyOf(arrow, arrow.length / 2), 400),
                new Bad("arrow stream with a lying body length", ARROW, lyingBody(arrow), 400),
                new Bad("arrow IPC file sent as a stream", ARROW, "ARROW1\0\0".getBytes(StandardCharsets.US_ASCII), 415),
                new Bad("random bytes as arrow", ARROW, noise, 400),
                new Bad("well-framed arrow whose string offsets lie", ARROW, lyingOffsets(), FAILS),
                new Bad("random bytes as parquet", PARQUET, noise, 400),
                new Bad("parquet magic with a lying footer", PARQUET, ("PAR1" + "x".repeat(64)).getBytes(StandardCharsets.US_ASCII), 400),
                new Bad("parquet frame around a garbage footer", PARQUET, parquetFrame(), FAILS),
                new Bad("csv with a value of the wrong type", CSV, "id\nnot-a-number\n".getBytes(StandardCharsets.UTF_8), FAILS),
                new Bad("random bytes as csv", CSV, noise, 400),
                new Bad("a 9 MiB csv line", CSV, ("id\n" + "7".repeat(9 << 20)).getBytes(StandardCharsets.UTF_8), 413),
                new Bad("ndjson cut in the middle", NDJSON, "{\"id\": 1}\n{\"id\": ".getBytes(StandardCharsets.UTF_8), 400),
                new Bad("json nested 10,000 deep", JSON,
                        ("[" + "{\"id\":".repeat(10_000) + "1" + "}".repeat(10_000) + "]").getBytes(StandardCharsets.UTF_8), 400),
                new Bad("json array of numbers", JSON, "[1, 2]".getBytes(StandardCharsets.UTF_8), 400));

        List<String> good = new ArrayList<>();
        Map<String, String> outcomes = new LinkedHashMap<>();
        long id = 0;
        good.add(api.submit(MODEL, "append", Map.of("table", "t", "rows", List.of(Map.of("id", id++))), Map.of()));
        for (Bad b : bad) {
            HttpResponse<String> response = api.postBytes("/v1/models/" + MODEL + "/tables/t/rows", b.mediaType(), b.body());
            JsonNode body = Json.MAPPER.readTree(response.body());
            if (b.status() == FAILS) {
                assertThat(response.statusCode()).as(b.what() + ": " + response.body()).isEqualTo(202);
                outcomes.put(b.what(), body.get("id").asText());
            } else {
                assertThat(response.statusCode()).as(b.what() + ": " + response.body()).isEqualTo(b.status());
                assertThat(response.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/problem+json");
                assertThat(body.path("field").asText()).as(b.what()).isEqualTo("body");
                outcomes.put(b.what(), "refused " + response.statusCode() + ": " + body.path("detail").asText());
            }
            good.add(api.submit(MODEL, "append", Map.of("table", "t", "rows", List.of(Map.of("id", id++))), Map.of()));
        }
        // an intent that kills the manager each time it runs: set aside after three deaths, the rest goes on
        String crash = api.submit(MODEL, "crash", Map.of(), Map.of());
        good.add(api.submit(MODEL, "append", Map.of("table", "t", "rows", List.of(Map.of("id", id++))), Map.of()));
        HttpResponse<String> arrowRows = api.postBytes("/v1/models/" + MODEL + "/tables/t/rows", "application/vnd.apache.arrow.stream", arrow);
        assertThat(arrowRows.statusCode()).as(arrowRows.body()).isEqualTo(202);
        good.add(Json.MAPPER.readTree(arrowRows.body()).get("id").asText());

        long previous = 0;
        for (String intent : good) {
            JsonNode status = api.awaitEnd(intent);
            assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("succeeded");
            assertThat(status.get("version").asLong()).as("in order (one batch may hold several)").isGreaterThanOrEqualTo(previous);
            previous = status.get("version").asLong();
        }
        for (Map.Entry<String, String> e : outcomes.entrySet()) {
            if (!e.getValue().startsWith("refused")) {
                JsonNode status = api.awaitEnd(e.getValue());
                assertThat(status.get("status").asText()).as(e.getKey() + ": " + status).isEqualTo("failed");
                assertThat(status.path("error").path("type").asText()).as(e.getKey() + ": " + status).matches(".*(bad-payload|type-mismatch)");
                assertThat(status.path("error").path("detail").asText()).as(e.getKey()).isNotBlank();
                e.setValue("failed: " + status.path("error").path("detail").asText());
            }
        }
        JsonNode crashed = api.awaitEnd(crash);
        assertThat(crashed.get("status").asText()).as(crashed.toString()).isEqualTo("failed");
        assertThat(crashed.path("error").path("type").asText()).as(crashed.toString()).endsWith("poison-intent");
        outcomes.put("an intent that kills its manager", "failed: " + crashed.path("error").path("detail").asText());
        outcomes.forEach((what, outcome) -> System.out.println(what + "\n    → " + outcome));

        long expected = id + 3; // one row per good intent, three from the valid arrow stream
        assertThat(api.run(MODEL, "snapshot", Map.of()).get("status").asText()).isEqualTo("succeeded");
        Awaitility.await("every good row once in a published version").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("SELECT count(*) AS n FROM t") == expected);
        assertThat(count("SELECT count(DISTINCT id) AS n FROM t WHERE id < " + id)).as("each good intent once").isEqualTo(id);
        JsonNode manager = Json.MAPPER.readTree(api.getText(system.apiUrl() + "/v1/models/" + MODEL)).path("manager");
        assertThat(manager.path("state").asText()).as("the model's manager runs at the end: %s", manager).isEqualTo("running");
    }

    private static final String ARROW = "application/vnd.apache.arrow.stream";
    private static final String PARQUET = "application/vnd.apache.parquet";
    private static final String CSV = "text/csv";
    private static final String NDJSON = "application/x-ndjson";
    private static final String JSON = "application/json";
    /** The API queues the body; the manager fails that intent alone. */
    private static final int FAILS = 202;

    private record Bad(String what, String mediaType, byte[] body, int status) {
    }

    private static long count(String sql) throws Exception {
        JsonNode rows = api.query(MODEL, sql);
        return rows.isEmpty() ? -1 : rows.path(0).path("n").asLong();
    }

    private static byte[] arrowStream(int rows) throws Exception {
        try (BufferAllocator allocator = new RootAllocator(); BigIntVector ids = new BigIntVector("id", allocator)) {
            for (int i = 0; i < rows; i++) {
                ids.setSafe(i, 1000 + i);
            }
            ids.setValueCount(rows);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (VectorSchemaRoot root = VectorSchemaRoot.of(ids); ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            return out.toByteArray();
        }
    }

    /** A stream of one string column whose framing is sound but whose value offsets point far past the data. */
    private static byte[] lyingOffsets() throws Exception {
        byte[] stream;
        try (BufferAllocator allocator = new RootAllocator(); VarCharVector ids = new VarCharVector("id", allocator)) {
            for (int i = 0; i < 4; i++) {
                ids.setSafe(i, String.valueOf(i).getBytes(StandardCharsets.UTF_8));
            }
            ids.setValueCount(4);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (VectorSchemaRoot root = VectorSchemaRoot.of(ids); ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            stream = out.toByteArray();
        }
        ByteBuffer buffer = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN);
        int batchAt = 8 + buffer.getInt(4);
        int bodyAt = batchAt + 8 + buffer.getInt(batchAt + 4);
        Arrays.fill(stream, bodyAt, stream.length - 8, (byte) 0x7F); // validity all set, offsets ~2^31, data junk
        return stream;
    }

    /** {@code PAR1}, junk, a footer length that fits, {@code PAR1}: framed like Parquet, not readable as it. */
    private static byte[] parquetFrame() {
        ByteBuffer frame = ByteBuffer.allocate(4 + 64 + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        frame.put("PAR1".getBytes(StandardCharsets.US_ASCII)).put("y".repeat(64).getBytes(StandardCharsets.US_ASCII)).putInt(32)
                .put("PAR1".getBytes(StandardCharsets.US_ASCII));
        return frame.array();
    }

    /** The stream with its first record batch's metadata claiming a body of 2 GiB. */
    private static byte[] lyingBody(byte[] stream) {
        byte[] lying = stream.clone();
        int schemaLength = ByteBuffer.wrap(lying, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuffer.wrap(lying, 8 + schemaLength + 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MAX_VALUE);
        return lying;
    }
}
