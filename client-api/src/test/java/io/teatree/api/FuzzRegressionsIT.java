package io.teatree.api;

import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.teatree.testkit.TeatreeTestResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Requests that REST fuzzing ({@link RestFuzzIT}) found answered outside the one error shape, each replayed. */
@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class FuzzRegressionsIT {

    @TestHTTPResource("/")
    URI base;

    private static final String PROBLEM = "application/problem+json";
    private static final RestAssuredConfig VERBATIM = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    @Test
    void headersOverTheLimitAreAProblemNotABare431() {
        admin().header("Last-Event-ID", "a".repeat(70_000)).get("/v1/models")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://teatree.io/problems/bad-request")).body("status", equalTo(400))
                .body("field", equalTo("Last-Event-ID"));
    }

    @Test
    void aRequestTargetOverTheLimitIsAProblemNotABare414() {
        admin().get("/v1/models/" + "m".repeat(20_000))
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://teatree.io/problems/bad-request")).body("status", equalTo(400));
        admin().get("/v1/models?after=" + "a".repeat(70_000)).then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void headersAndTargetsUnderTheLimitStillWork() {
        admin().header("X-Padding", "p".repeat(10_000)).get("/v1/models?limit=1000&x=" + "q".repeat(8_000)).then().statusCode(200);
    }

    @Test
    void aNineteenDigitNumberOverLongMaxIs400NotA500() {
        admin().get("/v1/models?limit=9223372036854775808").then().statusCode(400).contentType(PROBLEM).body("field", equalTo("limit"));
        String model = newModel("fuzzreg");
        admin().get("/v1/models/{m}/events?since=9999999999999999999", model)
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("since"));
    }

    @Test
    void aKeyIdWithNulIs400NotA503() {
        admin().urlEncodingEnabled(false).delete("/v1/keys/%00key%F0%9F%98%80").then().statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("id"));
        admin().delete("/v1/keys/key-000000000000").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aContentTypeThatIsNoMediaTypeIs400NotA500() {
        String model = newModel("fuzzreg");
        for (String type : new String[] {"a/b/c", "?/?", "\u00e9/\u00e9"}) {
            admin().config(VERBATIM).header("Content-Type", type).body("{\"sql\": \"SELECT 1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/v1/models/{m}/query", model)
                    .then().statusCode(org.hamcrest.Matchers.oneOf(400, 415)).contentType(PROBLEM).body("status", org.hamcrest.Matchers.oneOf(400, 415));
        }
    }

    @Test
    void anAcceptThatIsNoMediaTypeIs400AndEmptyElementsAreIgnored() {
        String model = newModel("fuzzreg");
        for (String accept : new String[] {"a/b/c", "*/*;q=abc", "?/?"}) {
            admin().accept(accept).contentType("application/json").body("{\"sql\": \"SELECT 1\"}").post("/v1/models/{m}/query", model)
                    .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("Accept"));
        }
        admin().header("Accept", "").contentType("application/json").body("{\"sql\": \"SELECT 1\"}").post("/v1/models/{m}/query", model)
                .then().statusCode(404).contentType(PROBLEM);
        admin().header("Accept", ", text/csv,").get("/v1/models").then().statusCode(406).contentType(PROBLEM);
    }

    @Test
    void aHugeValueEchoedInTheDetailIsAnsweredAtOnce() throws Exception {
        // the detail's redaction backtracked quadratically: a 300K-character value held a worker for minutes
        String model = newModel("fuzzreg");
        String body = "{\"function\": \"" + "x".repeat(300_000) + "\", \"args\": {}}";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/v1/models/" + model + "/intents"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + Api.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        // and the detail quoting it is cut: the answer is not an echo of the 300K value
        assertThat(answer.body()).contains("\"field\":\"function\"").hasSizeLessThan(2_000);
    }

    @Test
    void operationsEndpointsRefuseWithProblems() {
        admin().accept("application/json").get("/q/metrics").then().statusCode(406).contentType(PROBLEM).body("status", equalTo(406));
        admin().urlEncodingEnabled(false).accept("application/json").get("/v1/models/%2e%2e/%2e%2e/q/metrics")
                .then().statusCode(406).contentType(PROBLEM);
        admin().post("/q/metrics").then().statusCode(405).contentType(PROBLEM).body("status", equalTo(405));
    }
}
