package io.teatree.api;

import static io.restassured.RestAssured.given;
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
        given().get("/q/metrics").then().statusCode(200);
    }
}
