package io.teatree.api;

import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.teatree.protocol.Json;
import io.teatree.testkit.TeatreeTestResource;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The query endpoint's bounds: SQL length, body size and cell size (the test profile sets teatree.query.max-cell=64K). */
@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class QueryLimitsIT {

    private static final String TOO_LARGE = "https://teatree.io/problems/payload-too-large";
    private static final String RESULT_TOO_LARGE = "https://teatree.io/problems/result-too-large";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    S3Client s3;

    private String model;

    @BeforeEach
    void publish() throws Exception {
        model = newModel("limits");
        new PublishedVersions(dataSource, s3).publish(model, 1, 10);
    }

    @Test
    void sqlOverTheLimitIs413NamingSqlAndTheServerStaysWell() throws Exception {
        String huge = "SELECT 1 AS x" + " ".repeat(2_400_000);
        admin().contentType(ContentType.JSON).body(Map.of("sql", huge)).post("/v1/models/{m}/query", model)
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo(TOO_LARGE)).body("field", equalTo("sql"));
        admin().contentType(ContentType.URLENC).formParam("sql", huge).post("/v1/models/{m}/query", model)
                .then().statusCode(413).contentType("application/problem+json").body("field", equalTo("sql"));

        // streamed without a Content-Length: refused once the bound is read, not after buffering the rest
        byte[] body = Json.write(Map.of("sql", huge));
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/models/" + model + "/query"))
                .header("Authorization", "Bearer " + Api.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(Json.MAPPER.readTree(chunked.body()).path("field").asText()).isEqualTo("sql");

        // within the body limit but longer than teatree.limits.query-sql (256 Ki characters)
        String longSql = "SELECT 1 AS x" + " ".repeat(300_000);
        admin().contentType(ContentType.JSON).body(Map.of("sql", longSql)).post("/v1/models/{m}/query", model)
                .then().statusCode(413).body("field", equalTo("sql")).body("detail", containsString("teatree.limits.query-sql"));
        admin().contentType(ContentType.URLENC).formParam("sql", longSql).post("/v1/models/{m}/query", model)
                .then().statusCode(413).body("field", equalTo("sql"));

        String justFits = "SELECT count(*) AS n FROM orders" + " ".repeat(262_144 - 32);
        admin().contentType(ContentType.JSON).body(Map.of("sql", justFits)).post("/v1/models/{m}/query", model)
                .then().statusCode(200).body("[0].n", equalTo(10));
    }

    @Test
    void aCellOverTheCapInTheFirstRowIs422InEveryFormat() {
        for (String accept : new String[] {"application/json", "application/x-ndjson", "text/csv", "text/plain",
                "application/vnd.apache.arrow.stream"}) {
            for (String sql : new String[] {"SELECT 1 AS id, repeat('x', 70000) AS big",
                    "SELECT [repeat('x', 70000)] AS big", "SELECT repeat('x', 70000)::BLOB AS big",
                    "SELECT repeat('x', 50000)::BLOB AS big, 1 AS pad"}) {
                if (sql.contains("pad") && !accept.contains("json")) {
                    continue; // 50 000 bytes: under the cap as Arrow bytes and as DuckDB's text; over it as base64 (66 668)
                }
                io.restassured.response.Response answer = admin().accept(accept).contentType(ContentType.JSON)
                        .body(Map.of("sql", sql)).post("/v1/models/{m}/query", model);
                assertThat(answer.statusCode()).as("%s as %s", sql, accept).isEqualTo(422);
                answer.then().statusCode(422).contentType("application/problem+json")
                        .body("type", equalTo(RESULT_TOO_LARGE)).body("field", equalTo("sql"))
                        .body("detail", containsString("big")).body("detail", containsString("teatree.query.max-cell"));
            }
        }
        admin().contentType(ContentType.JSON).body(Map.of("sql", "SELECT repeat('x', 65536) AS fits"))
                .post("/v1/models/{m}/query", model).then().statusCode(200);
    }

    @Test
    void aCellOverTheCapAfterTheAnswerStartedEndsItWithoutItsClosingBracket() throws IOException {
        String sql = "SELECT range AS i, CASE WHEN range = 4000 THEN repeat('x', 70000) ELSE 'a' END AS c FROM range(4500)";
        String body = new String(Json.write(Map.of("sql", sql)), StandardCharsets.UTF_8);
        try (RawHttp answer = RawHttp.post(RestAssured.port, "/v1/models/" + model + "/query", Api.ADMIN_KEY, "application/json", body)) {
            assertThat(answer.head().toLowerCase(java.util.Locale.ROOT)).startsWith("http/1.1 200");
            StringBuilder seen = new StringBuilder();
            try {
                for (byte[] chunk = answer.chunk(); chunk != null; chunk = answer.chunk()) {
                    seen.append(new String(chunk, StandardCharsets.UTF_8));
                }
            } catch (IOException endedEarly) {
                // the connection is cut: what came must not pass for a complete array
            }
            assertThat(seen.toString()).contains("{\"i\":3999,\"c\":\"a\"}").doesNotContain("xxxx").doesNotEndWith("]");
        }
        admin().contentType(ContentType.JSON).body(Map.of("sql", "SELECT count(*) AS n FROM orders"))
                .post("/v1/models/{m}/query", model).then().statusCode(200).body("[0].n", equalTo(10));
    }

    @Test
    void failuresDoNotRevealServerPaths() {
        admin().contentType(ContentType.JSON).body(Map.of("sql", "SELECT 1 AS x")).post("/v1/models/{m}/query", model)
                .then().statusCode(200);
        String cached = Path.of("target/version-cache", model, "v1.duckdb").toAbsolutePath().toString();
        assertThat(Path.of(cached)).exists();
        // errors DuckDB raises while binding, each quoting the path it was given (errors raised while rows are
        // fetched reach DuckDB's JDBC streaming results only as "Invalid result set")
        List<Map<String, Object>> failing = List.of(
                Map.of("sql", "SELECT * FROM \"" + cached + "\".main.orders"),
                Map.of("sql", "SELECT \"" + cached + "\" FROM orders"),
                Map.of("sql", "SELECT * FROM orders WHERE \"" + cached + "\" = 1"),
                Map.of("sql", "SELECT * FROM \".teatree/models/" + model + "/versions/v1.duckdb\".main.orders"));
        for (Map<String, Object> request : failing) {
            String detail = admin().contentType(ContentType.JSON).body(request).post("/v1/models/{m}/query", model)
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("sql"))
                    .extract().path("detail");
            assertThat(detail).as("detail for %s", request).contains("<path>")
                    .doesNotContain(cached).doesNotContain("version-cache").doesNotContain(".duckdb").doesNotContain(".teatree")
                    .doesNotContain(System.getProperty("user.dir"));
        }
    }
}
