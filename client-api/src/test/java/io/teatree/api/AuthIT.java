package io.teatree.api;

import static io.restassured.RestAssured.given;
import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.as;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.teatree.testkit.TeatreeTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class AuthIT {

    @Inject
    AgroalDataSource dataSource;

    private static final String SNAPSHOT = "{\"function\": \"snapshot\", \"args\": {}}";

    @Test
    void theAuthMatrixHolds() {
        String a = newModel("a");
        String b = newModel("b");
        String reader = createKey("reader", "*");
        String writer = createKey("writer", "*");
        String scopedToA = createKey("writer", a);

        // 401: no key, wrong key
        given().get("/v1/models").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"teatree\""));
        as("tt_wrong").get("/v1/models").then().statusCode(401).contentType("application/problem+json");

        // 403: reader submitting, writer registering a model, writer listing keys (roles, inside the pattern)
        submit(reader, a).then().statusCode(403).contentType("application/problem+json");
        as(writer).contentType(ContentType.JSON).body(Map.of("id", a + "-x")).post("/v1/models")
                .then().statusCode(403).contentType("application/problem+json");
        as(writer).get("/v1/keys").then().statusCode(403);

        // 404: a model outside the key's pattern answers exactly like one that is not registered
        String unknown = a + "-never-registered";
        for (String m : new String[] {b, unknown}) {
            submit(scopedToA, m).then().statusCode(404).contentType("application/problem+json")
                    .body("detail", equalTo("model '" + m + "' is not registered")).body("field", equalTo("model"))
                    .body("detail", not(containsString("pattern")));
            as(scopedToA).get("/v1/models/{m}", m).then().statusCode(404).body("detail", equalTo("model '" + m + "' is not registered"));
            as(scopedToA).get("/v1/models/{m}/events", m).then().statusCode(404).body("field", equalTo("model"));
        }

        // allowed
        as(reader).get("/v1/models/{m}", a).then().statusCode(200).body("id", equalTo(a));
        submit(writer, b).then().statusCode(202);
        String intent = submit(scopedToA, a).then().statusCode(202).extract().path("id");
        as(reader).get("/v1/intents/{id}", intent).then().statusCode(200);
        as(scopedToA).get("/v1/models").then().statusCode(200)
                .body("items.id", hasItem(a)).body("items.id", not(hasItem(b)));
        admin().contentType(ContentType.JSON).body(Map.of("id", a + "-y")).post("/v1/models").then().statusCode(201)
                .header("Location", endsWith("/v1/models/" + a + "-y"));
    }

    @Test
    void anIntentOfAModelOutsideThePatternIsIndistinguishableFromAnUnknownId() {
        String a = newModel("ia");
        String b = newModel("ib");
        String intent = submit(createKey("writer", a), a).then().statusCode(202).extract().path("id");
        String scopedToB = createKey("reader", b);
        String madeUp = java.util.UUID.randomUUID().toString();

        var foreign = as(scopedToB).get("/v1/intents/{id}", intent).then().statusCode(404)
                .contentType("application/problem+json").extract().jsonPath();
        var unknown = as(scopedToB).get("/v1/intents/{id}", madeUp).then().statusCode(404).extract().jsonPath();
        assertThat(foreign.getString("type")).isEqualTo(unknown.getString("type"));
        assertThat(foreign.getString("field")).isEqualTo(unknown.getString("field")).isEqualTo("id");
        assertThat(foreign.getString("detail")).isEqualTo(unknown.getString("detail").replace(madeUp, intent))
                .doesNotContain(a).doesNotContain("pattern");
        as(scopedToB).get("/v1/intents/{id}?wait=1s", intent).then().statusCode(404);
        as(createKey("reader", a)).get("/v1/intents/{id}", intent).then().statusCode(200);
    }

    @Test
    void revokedKeysStopWorkingAndSecretsAreNeverListed() {
        String model = newModel("revoke");
        var created = admin().contentType(ContentType.JSON).body(Map.of("role", "writer")).post("/v1/keys")
                .then().statusCode(201).extract();
        String id = created.path("id");
        String secret = created.path("key");
        submit(secret, model).then().statusCode(202);
        admin().get("/v1/keys").then().statusCode(200).body("find { it.id == '" + id + "' }.key", equalTo(null))
                .body("find { it.id == '" + id + "' }.role", equalTo("writer"));
        admin().delete("/v1/keys/{id}", id).then().statusCode(204);
        submit(secret, model).then().statusCode(401);
        admin().delete("/v1/keys/{id}", id).then().statusCode(404).contentType("application/problem+json");
        admin().contentType(ContentType.JSON).body(Map.of("role", "boss")).post("/v1/keys")
                .then().statusCode(400).body("field", equalTo("role"));
    }

    @Test
    void aKeyRevokedThroughAnotherReplicaStopsWorkingWithinTheCacheTtl() throws Exception {
        String model = newModel("revoke-elsewhere");
        var created = admin().contentType(ContentType.JSON).body(Map.of("role", "writer")).post("/v1/keys")
                .then().statusCode(201).extract();
        String secret = created.path("key");
        submit(secret, model).then().statusCode(202); // the key is now cached on this replica
        // another replica revokes it: only the row changes, this replica's cache is not told
        try (var connection = dataSource.getConnection(); var revoke = connection.prepareStatement(
                "UPDATE api_key SET revoked_at = now() WHERE id = ?")) {
            revoke.setString(1, created.path("id"));
            assertThat(revoke.executeUpdate()).isEqualTo(1);
        }
        long revokedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> submit(secret, model).statusCode() == 401);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).as("teatree.auth.cache-ttl is 1 s").isLessThan(Duration.ofMillis(1500));
    }

    private static String createKey(String role, String pattern) {
        return admin().contentType(ContentType.JSON).body(Map.of("role", role, "modelPattern", pattern)).post("/v1/keys")
                .then().statusCode(201).extract().path("key");
    }

    private static io.restassured.response.Response submit(String key, String model) {
        return as(key).contentType(ContentType.JSON).body(SNAPSHOT).post("/v1/models/{m}/intents", model);
    }
}
