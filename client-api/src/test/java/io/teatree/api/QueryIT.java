package io.teatree.api;

import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.teatree.testkit.TeatreeTestResource;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class QueryIT {

    private static final String ORDERS = "SELECT id, name, amount, paid, note FROM orders WHERE id <= ? ORDER BY id";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    S3Client s3;

    private String model;

    @BeforeEach
    void publish() throws Exception {
        model = newModel("query");
        PublishedVersions published = new PublishedVersions(dataSource, s3);
        published.publish(model, 1, 30);
        published.publish(model, 2, 40);
    }

    @Test
    void everyAcceptTypeReturnsTheSameRows() throws Exception {
        List<List<String>> json = ResultParsers.json(query("application/json", ORDERS, 12).asByteArray());
        assertThat(json).hasSize(12);
        assertThat(json.get(0)).containsExactly("1", "item 1, \"x\"", "1.5", "false", "v2");
        assertThat(json.get(4)).containsExactly("5", "item 5, \"x\"", "7.5", "false", null);

        assertThat(ResultParsers.ndjson(query("application/x-ndjson", ORDERS, 12).asByteArray())).isEqualTo(json);
        assertThat(ResultParsers.csv(query("text/csv", ORDERS, 12).asByteArray())).isEqualTo(json);
        assertThat(ResultParsers.text(query("text/plain", ORDERS, 12).asByteArray())).isEqualTo(json);
        Response arrow = query("application/vnd.apache.arrow.stream", ORDERS, 12);
        arrow.then().statusCode(200).contentType("application/vnd.apache.arrow.stream").header("X-Teatree-Version", equalTo("2"));
        assertThat(ResultParsers.arrow(arrow.asByteArray())).isEqualTo(json);

        query("application/xml", ORDERS, 12).then().statusCode(406).contentType("application/problem+json");
        query("*/*", ORDERS, 12).then().statusCode(200).contentType("application/json");
    }

    @Test
    void aVersionCanBeChosenAndParametersAreBound() {
        admin().contentType(ContentType.JSON).body(Map.of("sql", "SELECT count(*) AS n FROM orders", "version", "1"))
                .post("/v1/models/{m}/query", model).then().statusCode(200).header("X-Teatree-Version", equalTo("1"))
                .body("[0].n", equalTo(30));
        admin().contentType(ContentType.JSON).body(Map.of("sql", "SELECT count(*) AS n FROM orders", "version", 1))
                .post("/v1/models/{m}/query", model).then().statusCode(200).body("[0].n", equalTo(30));
        admin().contentType(ContentType.JSON).body(Map.of("sql", "SELECT count(*) AS n FROM orders"))
                .post("/v1/models/{m}/query", model).then().statusCode(200).body("[0].n", equalTo(40));
        admin().contentType(ContentType.JSON)
                .body(Map.of("sql", "SELECT count(*) AS n FROM orders WHERE name = ? OR paid = ?", "params", List.of("item 3, \"x\"", true)))
                .post("/v1/models/{m}/query", model).then().statusCode(200).body("[0].n", equalTo(21));
        admin().contentType(ContentType.URLENC).formParam("sql", "SELECT max(id) AS m FROM orders").formParam("version", "1")
                .post("/v1/models/{m}/query", model).then().statusCode(200).body("[0].m", equalTo(30));
        admin().contentType(ContentType.JSON).body(Map.of("sql", "SELECT ? AS a", "params", List.of()))
                .post("/v1/models/{m}/query", model).then().statusCode(400).body("field", equalTo("params"));
        admin().contentType(ContentType.JSON).body(Map.of("sql", "SELECT ? AS a", "params", List.of(Map.of("x", 1))))
                .post("/v1/models/{m}/query", model).then().statusCode(400).body("field", equalTo("params[0]"));
        admin().contentType(ContentType.JSON).body(Map.of("sql", "SELECT 1", "version", "9"))
                .post("/v1/models/{m}/query", model).then().statusCode(404).contentType("application/problem+json");
        admin().contentType(ContentType.JSON).body(Map.of("sql", "SELECT * FROM no_such_table"))
                .post("/v1/models/{m}/query", model).then().statusCode(400).body("field", equalTo("sql"))
                .body("detail", containsString("no_such_table"));
    }

    @Test
    void statementsThatWriteAttachOrTouchFilesAreRefused() {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "teatree-copy-" + UUID.randomUUID());
        List<String> hostile = List.of(
                "INSERT INTO orders (id) VALUES (999)",
                "CREATE TABLE x AS SELECT 1",
                "DELETE FROM orders",
                "ATTACH '" + target + ".db' AS x",
                "COPY (SELECT 1) TO '" + target + "'",
                "SELECT * FROM read_csv('/etc/passwd')",
                "SELECT * FROM '/etc/passwd'",
                "PRAGMA database_list",
                "SET threads = 1",
                "SELECT 1; DROP TABLE orders",
                "SELECT * FROM _teatree.meta");
        for (String sql : hostile) {
            admin().contentType(ContentType.JSON).body(Map.of("sql", sql)).post("/v1/models/{m}/query", model)
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("sql"));
        }
        assertThat(Files.exists(target)).isFalse();
        assertThat(Files.exists(Path.of(target + ".db"))).isFalse();
        admin().contentType(ContentType.JSON).body(Map.of("sql", "SELECT count(*) AS n FROM orders"))
                .post("/v1/models/{m}/query", model).then().statusCode(200).body("[0].n", equalTo(40));
    }

    @Test
    void resultsAreCutAtTheRowLimit() throws Exception {
        Response json = admin().contentType(ContentType.JSON).body(Map.of("sql", "SELECT range AS i FROM range(6000)"))
                .post("/v1/models/{m}/query", model);
        json.then().statusCode(200).header("X-Teatree-Row-Limit", equalTo("5000"));
        assertThat(ResultParsers.json(json.asByteArray())).hasSize(5000);
        Response arrow = admin().accept("application/vnd.apache.arrow.stream").contentType(ContentType.JSON)
                .body(Map.of("sql", "SELECT range AS i FROM range(6000)")).post("/v1/models/{m}/query", model);
        assertThat(ResultParsers.arrow(arrow.asByteArray())).hasSize(5000);
    }

    @Test
    void aQueryOverTheTimeLimitIsCancelled() {
        admin().contentType(ContentType.JSON)
                .body(Map.of("sql", "SELECT sum(a.range * b.range) AS s FROM range(100000000) a, range(100000000) b"))
                .post("/v1/models/{m}/query", model).then().statusCode(400).contentType("application/problem+json")
                .body("type", containsString("query-timeout")).body("field", equalTo("sql"));
        admin().contentType(ContentType.JSON).body(Map.of("sql", "SELECT count(*) AS n FROM orders"))
                .post("/v1/models/{m}/query", model).then().statusCode(200).body("[0].n", equalTo(40));
    }

    private Response query(String accept, String sql, Object... params) {
        return admin().accept(accept).contentType(ContentType.JSON).body(Map.of("sql", sql, "params", List.of(params)))
                .post("/v1/models/{m}/query", model);
    }
}
