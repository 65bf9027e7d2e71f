package io.teatree.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.teatree.testkit.TeatreeTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class OpenApiIT {

    @Test
    void everyEndpointIsDocumentedAndSwaggerUiIsServed() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/v1/models"))
                .body("paths", hasKey("/v1/models/{m}"))
                .body("paths", hasKey("/v1/models/{m}/intents"))
                .body("paths", hasKey("/v1/models/{m}/tables/{t}/rows"))
                .body("paths", hasKey("/v1/intents/{id}"))
                .body("paths", hasKey("/v1/models/{m}/events"))
                .body("paths", hasKey("/v1/keys"))
                .body("paths", hasKey("/v1/keys/{id}"))
                .body("paths", hasKey("/v1/models/{m}/versions"))
                .body("paths", hasKey("/v1/models/{m}/versions/{v}"))
                .body("paths", hasKey("/v1/models/{m}/versions/{v}/download"))
                .body("paths", hasKey("/v1/models/{m}/tables"))
                .body("paths", hasKey("/v1/models/{m}/query"))
                .body("components.securitySchemes", hasKey("apiKey"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void metricsNeedAnAdminKeyForAllModels() {
        given().get("/q/metrics").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"teatree\""));
        given().get("/q/metrics/").then().statusCode(401);
        given().get("/q/metrics?name[]=x").then().statusCode(401);
        Api.as("tt_wrong").get("/q/metrics").then().statusCode(401);
        Api.as(key("reader", "*")).get("/q/metrics").then().statusCode(403).contentType("application/problem+json");
        Api.as(key("writer", "*")).get("/q/metrics").then().statusCode(403);
        Api.as(key("admin", "metrics-*")).get("/q/metrics").then().statusCode(403).body("detail", containsString("pattern *"));
        Api.as(key("admin", "*")).get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
        Api.admin().get("/q/metrics").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }

    private static String key(String role, String pattern) {
        return Api.admin().contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("role", role, "modelPattern", pattern)).post("/v1/keys")
                .then().statusCode(201).extract().path("key");
    }
}
