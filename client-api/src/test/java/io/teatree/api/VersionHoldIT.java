package io.teatree.api;

import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.teatree.api.versions.VersionCache;
import io.teatree.api.versions.VersionKey;
import io.teatree.api.versions.VersionLease;
import io.teatree.protocol.Manifest;
import io.teatree.protocol.ModelId;
import io.teatree.testkit.TeatreeTestResource;
import jakarta.inject.Inject;
import io.restassured.RestAssured;
import io.teatree.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The test profile keeps one idle version open ({@code teatree.versions.open-limit=1}). */
@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class VersionHoldIT {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    S3Client s3;

    @Inject
    VersionCache cache;

    @Test
    void aReaderHoldingVersionNKeepsQueryingWhileNewerVersionsArePublished() throws Exception {
        String model = newModel("hold");
        PublishedVersions published = new PublishedVersions(dataSource, s3);
        Manifest v1 = published.publish(model, 1, 10);
        VersionKey k1 = new VersionKey(ModelId.of(model), 1);
        try (VersionLease held = cache.acquire(v1)) {
            assertThat(count(held)).isEqualTo(10);
            published.publish(model, 2, 20);
            countThroughApi(model, "latest", 20);
            published.publish(model, 3, 30);
            countThroughApi(model, "latest", 30);
            countThroughApi(model, "2", 20);

            assertThat(cache.openVersions()).contains(k1);
            assertThat(count(held)).isEqualTo(10);
            countThroughApi(model, "1", 10);
        }
        countThroughApi(model, "3", 30);
        assertThat(cache.openVersions()).doesNotContain(k1).contains(new VersionKey(ModelId.of(model), 3));
        countThroughApi(model, "1", 10);
    }

    @Test
    void anOpenStreamedAnswerOnVersionNFinishesWhileNewerVersionsArePublished() throws Exception {
        String model = newModel("stream");
        PublishedVersions published = new PublishedVersions(dataSource, s3);
        published.publish(model, 1, 10);
        VersionKey k1 = new VersionKey(ModelId.of(model), 1);
        // about 100 MB of NDJSON: far more than socket buffers hold, so the answer stays open until this test reads it
        String sql = "SELECT o.id, r.range AS i, repeat('x', 20000) AS pad FROM orders o, range(500) r ORDER BY o.id, r.range";
        String body = Json.MAPPER.writeValueAsString(Map.of("sql", sql, "version", 1));
        try (RawHttp answer = RawHttp.post(RestAssured.port, "/v1/models/" + model + "/query", Api.ADMIN_KEY, "application/x-ndjson", body)) {
            assertThat(answer.head().toLowerCase(java.util.Locale.ROOT)).startsWith("http/1.1 200").contains("x-teatree-version: 1");
            String first = "";
            while (!first.contains("\n")) {
                first += new String(answer.chunk(), StandardCharsets.UTF_8);
            }
            assertThat(first).startsWith("{\"id\":1,\"i\":0,");
            published.publish(model, 2, 20);
            countThroughApi(model, "latest", 20);
            published.publish(model, 3, 30);
            countThroughApi(model, "latest", 30);
            assertThat(cache.openVersions()).contains(k1);
            byte[] rest = answer.rest();
            String all = first + new String(rest, StandardCharsets.UTF_8);
            assertThat(all.lines().count()).isEqualTo(5000);
            assertThat(all.lines().reduce((a, b) -> b).orElseThrow()).startsWith("{\"id\":10,\"i\":499,");
        }
        countThroughApi(model, "3", 30);
        assertThat(cache.openVersions()).doesNotContain(k1);
    }

    private static long count(VersionLease lease) throws Exception {
        try (ResultSet rs = lease.connection().createStatement().executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void countThroughApi(String model, String version, int expected) {
        admin().contentType(ContentType.JSON).body(Map.of("sql", "SELECT count(*) AS n FROM orders", "version", version))
                .post("/v1/models/{m}/query", model).then().statusCode(200).header("X-Teatree-Version", equalTo(
                        "latest".equals(version) ? String.valueOf(expected / 10) : version))
                .body("[0].n", equalTo(expected));
    }
}
