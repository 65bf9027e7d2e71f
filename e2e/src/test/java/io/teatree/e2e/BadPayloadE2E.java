package io.teatree.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.e2e.support.ApiClient;
import io.teatree.e2e.support.TeatreeSystem;
import io.teatree.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
        system = TeatreeSystem.start(Map.of(), Map.of());
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
        Map<String, Map.Entry<String, byte[]>> bad = new LinkedHashMap<>();
        bad.put("7-byte arrow body declaring 1.5 GiB", Map.entry("application/vnd.apache.arrow.stream",
                ByteBuffer.allocate(7).order(ByteOrder.LITTLE_ENDIAN).putInt(0xFFFFFFFF).put(new byte[] {0, 0, 0x60}).array()));
        bad.put("truncated arrow stream", Map.entry("application/vnd.apache.arrow.stream", Arrays.copyOf(arrow, arrow.length / 2)));
        bad.put("arrow stream with a lying body length", Map.entry("application/vnd.apache.arrow.stream", lyingBody(arrow)));
        bad.put("random bytes as arrow", Map.entry("application/vnd.apache.arrow.stream", noise));
        bad.put("random bytes as parquet", Map.entry("application/vnd.apache.parquet", noise));
        bad.put("parquet magic with a lying footer", Map.entry("application/vnd.apache.parquet",
                ("PAR1" + "x".repeat(64)).getBytes(StandardCharsets.US_ASCII)));
        bad.put("csv with a value of the wrong type", Map.entry("text/csv", "id\nnot-a-number\n".getBytes(StandardCharsets.UTF_8)));
        bad.put("random bytes as csv", Map.entry("text/csv", noise));
        bad.put("ndjson cut in the middle", Map.entry("application/x-ndjson", "{\"id\": 1}\n{\"id\": ".getBytes(StandardCharsets.UTF_8)));
        bad.put("json nested 10,000 deep", Map.entry("application/json",
                ("[" + "{\"id\":".repeat(10_000) + "1" + "}".repeat(10_000) + "]").getBytes(StandardCharsets.UTF_8)));

        List<String> good = new ArrayList<>();
        List<String> failedIds = new ArrayList<>();
        Map<String, String> outcomes = new LinkedHashMap<>();
        long id = 0;
        good.add(api.submit(MODEL, "append", Map.of("table", "t", "rows", List.of(Map.of("id", id++))), Map.of()));
        for (Map.Entry<String, Map.Entry<String, byte[]>> e : bad.entrySet()) {
            HttpResponse<String> response = api.postBytes("/v1/models/" + MODEL + "/tables/t/rows", e.getValue().getKey(), e.getValue().getValue());
            JsonNode body = Json.MAPPER.readTree(response.body());
            if (response.statusCode() == 202) {
                failedIds.add(body.get("id").asText());
                outcomes.put(e.getKey(), body.get("id").asText());
            } else {
                assertThat(response.statusCode()).as(e.getKey() + ": " + response.body()).isBetween(400, 499);
                assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
                outcomes.put(e.getKey(), "refused " + response.statusCode() + ": " + body.path("detail").asText());
            }
            good.add(api.submit(MODEL, "append", Map.of("table", "t", "rows", List.of(Map.of("id", id++))), Map.of()));
        }
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
        outcomes.forEach((what, outcome) -> System.out.println(what + "\n    → " + outcome));

        long expected = id + 3; // one row per good intent, three from the valid arrow stream
        assertThat(api.run(MODEL, "snapshot", Map.of()).get("status").asText()).isEqualTo("succeeded");
        Awaitility.await("every good row once in a published version").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("SELECT count(*) AS n FROM t") == expected);
        assertThat(count("SELECT count(DISTINCT id) AS n FROM t WHERE id < " + id)).as("each good intent once").isEqualTo(id);
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

    /** The stream with its first record batch's metadata claiming a body of 2 GiB. */
    private static byte[] lyingBody(byte[] stream) {
        byte[] lying = stream.clone();
        int schemaLength = ByteBuffer.wrap(lying, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuffer.wrap(lying, 8 + schemaLength + 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MAX_VALUE);
        return lying;
    }
}
