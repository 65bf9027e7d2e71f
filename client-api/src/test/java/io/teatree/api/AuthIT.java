package io.teatree.api;

import static io.restassured.RestAssured.given;
import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.as;
import static io.teatree.api.Api.newModel;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.teatree.testkit.TeatreeTestResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class AuthIT {

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

        // 403: reader submitting, writer registering a model, key for a touching b
        submit(reader, a).then().statusCode(403).contentType("application/problem+json");
        as(writer).contentType(ContentType.JSON).body(Map.of("id", a + "-x")).post("/v1/models")
                .then().statusCode(403).contentType("application/problem+json");
        submit(scopedToA, b).then().statusCode(403).contentType("application/problem+json");
        as(scopedToA).get("/v1/models/{m}", b).then().statusCode(403);
        as(scopedToA).get("/v1/models/{m}/events", b).then().statusCode(403);
        as(writer).get("/v1/keys").then().statusCode(403);

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

    private static String createKey(String role, String pattern) {
        return admin().contentType(ContentType.JSON).body(Map.of("role", role, "modelPattern", pattern)).post("/v1/keys")
                .then().statusCode(201).extract().path("key");
    }

    private static io.restassured.response.Response submit(String key, String model) {
        return as(key).contentType(ContentType.JSON).body(SNAPSHOT).post("/v1/models/{m}/intents", model);
    }
}
