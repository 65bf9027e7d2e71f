package io.teatree.api;

import static io.restassured.RestAssured.given;
import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.teatree.api.fuzz.ApiOperation;
import io.teatree.api.fuzz.Findings;
import io.teatree.api.fuzz.FuzzContext;
import io.teatree.api.fuzz.Fuzzer;
import io.teatree.api.fuzz.OpenApiDocument;
import io.teatree.api.fuzz.RequestFactory;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.TeatreeTestResource;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Schema-driven REST fuzzing: every operation of the live OpenAPI document, with schema-valid values (real models,
 * versions, intents and keys made here) and hostile mutations, as callers of every role. No answer is a 5xx,
 * every 4xx is a problem, and the API is alive at the end. {@code -Dteatree.fuzz.requests} sets the count (the long
 * run: 100000), {@code -Dteatree.fuzz.seed} replays a run.
 */
@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class RestFuzzIT {

    private static final int THREADS = 6;

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    S3Client s3;

    @Test
    void noRequestGetsAServerErrorAndEveryRejectionIsAProblem() throws Exception {
        long requests = Long.getLong("teatree.fuzz.requests", 3000);
        long seed = Long.getLong("teatree.fuzz.seed", System.nanoTime());
        OpenApiDocument document = new OpenApiDocument(new ObjectMapper().readTree(
                given().get("/q/openapi?format=json").then().statusCode(200).extract().asByteArray()));
        RequestFactory factory = new RequestFactory(seed, document, context());
        List<ApiOperation> operations = factory.operations();
        System.out.printf("REST fuzz: seed %d (-Dteatree.fuzz.seed=%d replays it), %d requests over %d operations:%n", seed, seed,
                requests, operations.size());
        operations.forEach(op -> System.out.println("  " + op.endpoint() + " " + op.bodies().keySet()));

        Findings findings = new Fuzzer(base, factory, THREADS, Duration.ofSeconds(30)).run(requests);

        System.out.println("REST fuzz (seed " + seed + "): " + findings.report());
        given().get("/q/health/live").then().statusCode(200);
        assertThat(findings.sent() + findings.unsendableCount()).isEqualTo(requests);
        assertThat(findings.failures()).as("distinct failures, seed %d:%n%s", seed, findings.report()).isEmpty();
    }

    private FuzzContext context() throws Exception {
        String model = newModel("fuzz");
        PublishedVersions published = new PublishedVersions(dataSource, s3);
        published.publish(model, 1, 20);
        published.publish(model, 2, 30);
        String plain = newModel("fuzz");
        String other = newModel("fuzzother");
        List<String> intents = new ArrayList<>();
        for (String m : List.of(model, plain)) {
            intents.add(admin().contentType(ContentType.JSON).body(Map.of("function", "snapshot", "args", Map.of()))
                    .post("/v1/models/{m}/intents", m).then().statusCode(202).extract().path("id"));
        }
        List<String> revocable = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            revocable.add(key("reader", "*", "id"));
        }
        return new FuzzContext(Api.ADMIN_KEY, key("writer", "*", "key"), key("reader", "*", "key"), key("writer", "fuzzother-*", "key"),
                List.of(model, plain, other), other, List.of("orders", "customers"), List.of("1", "2"), intents, revocable,
                List.of("append", "upsert", "replace", "delete", "create_table", "snapshot", "sql", "pipeline", "resample", "allocate"),
                rowsSamples());
    }

    private static String key(String role, String pattern, String field) {
        return admin().contentType(ContentType.JSON).body(Map.of("role", role, "modelPattern", pattern)).post("/v1/keys")
                .then().statusCode(201).extract().path(field);
    }

    /** A valid body of each rows media type: rows {@code (id, name)}. */
    private static Map<String, byte[]> rowsSamples() throws Exception {
        return Map.of(
                "text/csv", "id,name\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8),
                "application/x-ndjson", "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"b\"}\n".getBytes(StandardCharsets.UTF_8),
                "application/json", "[{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":\"b\"}]".getBytes(StandardCharsets.UTF_8),
                "application/vnd.apache.arrow.stream", arrow(),
                "application/vnd.apache.parquet", parquet());
    }

    private static byte[] arrow() throws Exception {
        try (BufferAllocator allocator = new RootAllocator(); IntVector id = new IntVector("id", allocator);
             VarCharVector name = new VarCharVector("name", allocator)) {
            id.allocateNew(2);
            name.allocateNew(2);
            for (int i = 0; i < 2; i++) {
                id.set(i, i + 1);
                name.setSafe(i, ("n" + i).getBytes(StandardCharsets.UTF_8));
            }
            id.setValueCount(2);
            name.setValueCount(2);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (VectorSchemaRoot root = VectorSchemaRoot.of(id, name);
                 ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            return out.toByteArray();
        }
    }

    private static byte[] parquet() throws Exception {
        Path file = TeatreeServers.get().newDirectory("fuzz-").resolve("rows.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT i AS id, 'n' || i AS name FROM range(1, 3) t(i)) TO '" + file + "' (FORMAT parquet)");
        }
        return Files.readAllBytes(file);
    }
}
