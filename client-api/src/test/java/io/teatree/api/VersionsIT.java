package io.teatree.api;

import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.as;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.teatree.protocol.Manifest;
import io.teatree.testkit.TeatreeTestResource;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class VersionsIT {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    S3Client s3;

    private PublishedVersions published;

    @BeforeEach
    void setUp() {
        published = new PublishedVersions(dataSource, s3);
    }

    @Test
    void versionsAreListedNewestFirstAndServedAsManifests() throws Exception {
        String model = newModel("versions");
        admin().get("/v1/models/{m}/versions", model).then().statusCode(200).body("items.size()", equalTo(0));
        admin().get("/v1/models/{m}/versions/latest", model).then().statusCode(404).contentType("application/problem+json")
                .body("field", equalTo("version"));
        admin().get("/v1/models/{m}/tables", model).then().statusCode(200).body("tables.size()", equalTo(0));

        Manifest v1 = published.publish(model, 1, 10);
        Manifest v2 = published.publish(model, 2, 20);

        admin().get("/v1/models/{m}/versions", model).then().statusCode(200)
                .body("items.version", contains(2, 1))
                .body("items[0].duckdb.sha256", equalTo(v2.duckdb().sha256()))
                .body("items[1].storageVersion", equalTo("v1.0.0"));
        admin().get("/v1/models/{m}/versions/1", model).then().statusCode(200)
                .body("model", equalTo(model)).body("version", equalTo(1))
                .body("duckdb.uri", equalTo(v1.duckdb().uri())).body("duckdb.bytes", equalTo((int) v1.duckdb().bytes()))
                .body("tables.name", contains("customers", "orders"))
                .body("tables.find { it.name == 'orders' }.rows", equalTo(10))
                .body("tables.find { it.name == 'orders' }.parquet.sha256", equalTo(v1.tables().get(1).parquet().sha256()));
        admin().get("/v1/models/{m}/versions/latest", model).then().statusCode(200).body("version", equalTo(2));
        admin().get("/v1/models/{m}/versions/3", model).then().statusCode(404).contentType("application/problem+json");
        admin().get("/v1/models/{m}/versions/nope", model).then().statusCode(400).body("field", equalTo("version"));
        admin().get("/v1/models/{m}/versions", "not-registered").then().statusCode(404).contentType("application/problem+json");

        admin().get("/v1/models/{m}/tables", model).then().statusCode(200).body("version", equalTo(2))
                .body("tables.name", contains("customers", "orders"))
                .body("tables.find { it.name == 'orders' }.rows", equalTo(20))
                .body("tables.find { it.name == 'orders' }.columns.name", contains("id", "name", "amount", "paid", "note"))
                .body("tables.find { it.name == 'orders' }.columns.type", hasItem("BIGINT"));
    }

    @Test
    void theDownloadIsTheVersionFileWithItsChecksumAndRanges() throws Exception {
        String model = newModel("download");
        Manifest v1 = published.publish(model, 1, 1000);
        byte[] expected = published.bytes(v1);

        Response whole = admin().get("/v1/models/{m}/versions/latest/download", model);
        whole.then().statusCode(200).header("ETag", equalTo("\"" + v1.duckdb().sha256() + "\""))
                .header("X-Teatree-Version", equalTo("1"))
                .header("Content-Length", equalTo(String.valueOf(expected.length)))
                .header("Accept-Ranges", equalTo("bytes"));
        byte[] body = whole.asByteArray();
        assertThat(body).isEqualTo(expected);

        Path local = Files.createTempFile("download-", ".duckdb");
        Files.write(local, body);
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + local, props);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1000);
        } finally {
            Files.deleteIfExists(local);
        }

        Response part = admin().header("Range", "bytes=100-199").get("/v1/models/{m}/versions/1/download", model);
        part.then().statusCode(206).header("Content-Range", equalTo("bytes 100-199/" + expected.length))
                .header("Content-Length", equalTo("100"));
        assertThat(part.asByteArray()).isEqualTo(Arrays.copyOfRange(expected, 100, 200));
        Response tail = admin().header("Range", "bytes=-10").get("/v1/models/{m}/versions/1/download", model);
        tail.then().statusCode(206);
        assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(expected, expected.length - 10, expected.length));

        admin().header("Range", "bytes=" + expected.length + "-").get("/v1/models/{m}/versions/1/download", model)
                .then().statusCode(416).contentType("application/problem+json")
                .header("Content-Range", equalTo("bytes */" + expected.length));
        admin().header("Range", "bytes=0-1,5-6").get("/v1/models/{m}/versions/1/download", model)
                .then().statusCode(416).contentType("application/problem+json");
        admin().header("If-None-Match", "\"" + v1.duckdb().sha256() + "\"").get("/v1/models/{m}/versions/1/download", model)
                .then().statusCode(304).header("X-Teatree-Version", equalTo("1"));
        admin().get("/v1/models/{m}/versions/2/download", model).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void readersMayReadVersionsOfTheirModelsOnly() throws Exception {
        String a = newModel("va");
        String b = newModel("vb");
        published.publish(a, 1, 5);
        published.publish(b, 1, 5);
        String reader = key("reader", "*");
        String scopedToA = key("reader", a);

        as(reader).get("/v1/models/{m}/versions", a).then().statusCode(200);
        as(reader).get("/v1/models/{m}/versions/latest/download", a).then().statusCode(200);
        as(reader).contentType(ContentType.JSON).body(Map.of("sql", "SELECT count(*) AS n FROM orders"))
                .post("/v1/models/{m}/query", a).then().statusCode(200).body("[0].n", equalTo(5));
        // another model answers like an unregistered one: 404, not a 403 that would confirm it exists
        String notRegistered = "model '" + b + "' is not registered";
        as(scopedToA).get("/v1/models/{m}/versions", b).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo(notRegistered));
        as(scopedToA).get("/v1/models/{m}/versions/1", b).then().statusCode(404).body("detail", equalTo(notRegistered));
        as(scopedToA).get("/v1/models/{m}/versions/1/download", b).then().statusCode(404).body("detail", equalTo(notRegistered));
        as(scopedToA).get("/v1/models/{m}/tables", b).then().statusCode(404).body("detail", equalTo(notRegistered));
        as(scopedToA).contentType(ContentType.JSON).body(Map.of("sql", "SELECT 1"))
                .post("/v1/models/{m}/query", b).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo(notRegistered));
        as(scopedToA).contentType(ContentType.JSON).body(Map.of("sql", "SELECT 1"))
                .post("/v1/models/{m}/query", a).then().statusCode(200);
    }

    static String key(String role, String pattern) {
        return admin().contentType(ContentType.JSON).body(Map.of("role", role, "modelPattern", pattern)).post("/v1/keys")
                .then().statusCode(201).extract().path("key");
    }
}
