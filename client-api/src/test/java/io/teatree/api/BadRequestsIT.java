package io.teatree.api;

import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.intentsOnStream;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.teatree.testkit.TeatreeTestResource;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class BadRequestsIT {

    private static final String JSON = "application/json";

    static Stream<Arguments> badIntents() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"function\": \"append\", \"args\": {", JSON, 400, "malformed-json", null),
                Arguments.of("not an object", "[1, 2]", JSON, 400, "malformed-json", null),
                Arguments.of("unknown field", "{\"function\": \"append\", \"args\": {}, \"colour\": 1}", JSON, 400, "unknown-field", "colour"),
                Arguments.of("unknown function", "{\"function\": \"teleport\", \"args\": {}}", JSON, 400, "invalid-field", "function"),
                Arguments.of("no function", "{\"args\": {}}", JSON, 400, "invalid-field", "function"),
                Arguments.of("args of the wrong type", "{\"function\": \"append\", \"args\": {\"table\": 42, \"rows\": []}}", JSON, 400, "invalid-field", "args.table"),
                Arguments.of("args not an object", "{\"function\": \"append\", \"args\": [1]}", JSON, 400, "invalid-field", "args"),
                Arguments.of("wrong content type", "function=append", "application/x-www-form-urlencoded", 415, "unsupported-media-type", null),
                Arguments.of("text instead of JSON", "{\"function\": \"snapshot\", \"args\": {}}", "text/plain", 415, "unsupported-media-type", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badIntents")
    void badIntentGetsItsProblemAndNothingIsPublished(String name, String body, String contentType, int status, String type, String field)
            throws Exception {
        String model = newModel("bad");
        ValidatableResponse response = admin().contentType(contentType).body(body)
                .post("/v1/models/{m}/intents", model)
                .then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("https://teatree.io/problems/" + type))
                .body("status", equalTo(status)).body("detail", notNullValue());
        if (field != null) {
            response.body("field", equalTo(field));
        }
        assertThat(intentsOnStream(model)).isZero();
    }

    static Stream<Arguments> badPaging() {
        return Stream.of(
                Arguments.of("/v1/models?after=%00", "after"),
                Arguments.of("/v1/models?after=%2F..%2F", "after"),
                Arguments.of("/v1/models?after=NOT-AN-ID", "after"),
                Arguments.of("/v1/models?limit=abc", "limit"),
                Arguments.of("/v1/models?limit=-1", "limit"),
                Arguments.of("/v1/models?limit=0", "limit"),
                Arguments.of("/v1/models?limit=1001", "limit"),
                Arguments.of("/v1/models?limit=99999999999999999999999", "limit"),
                Arguments.of("/v1/models/{m}/events?since=%00", "since"),
                Arguments.of("/v1/models/{m}/events?since=abc", "since"),
                Arguments.of("/v1/models/{m}/events?since=-1", "since"),
                Arguments.of("/v1/models/{m}/events?since=1e3", "since"),
                Arguments.of("/v1/models/{m}/events?since=9223372036854775807", "since"),
                Arguments.of("/v1/models/{m}/events?since=92233720368547758070", "since"),
                Arguments.of("/v1/intents/00000000-0000-0000-0000-000000000000?wait=%00", "wait"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPaging")
    void badPagingOrStreamPositionIs400NamingTheParameter(String path, String parameter) {
        String model = newModel("page");
        admin().urlEncodingEnabled(false).get(path.replace("{m}", model))
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://teatree.io/problems/invalid-field"))
                .body("field", equalTo(parameter)).body("detail", containsString(parameter));
    }

    @Test
    void aLastEventIdBeyondTheStreamIs400() {
        String model = newModel("page");
        admin().header("Last-Event-ID", String.valueOf(Long.MAX_VALUE)).get("/v1/models/{m}/events", model)
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("Last-Event-ID"));
        admin().header("Last-Event-ID", "%00").get("/v1/models/{m}/events", model)
                .then().statusCode(400).body("field", equalTo("Last-Event-ID"));
    }

    @Test
    void validPagingStillWorks() {
        String first = newModel("page");
        admin().get("/v1/models?limit=1000").then().statusCode(200);
        admin().get("/v1/models?after=" + first + "&limit=1").then().statusCode(200);
        admin().get("/v1/models?after=&limit=").then().statusCode(200);
    }

    @Test
    void unknownModelIs404() throws Exception {
        admin().contentType(JSON).body("{\"function\": \"snapshot\", \"args\": {}}").post("/v1/models/{m}/intents", "no-such-model")
                .then().statusCode(404).contentType("application/problem+json").body("field", equalTo("model"));
        assertThat(intentsOnStream("no-such-model")).isZero();
    }

    @Test
    void pathTraversalAsModelIdIsRefused() {
        admin().contentType(JSON).body("{\"id\": \"../etc\"}").post("/v1/models")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("id"));
        admin().urlEncodingEnabled(false).contentType(JSON).body("{\"function\": \"snapshot\", \"args\": {}}")
                .post("/v1/models/..%2Fetc/intents")
                .then().statusCode(org.hamcrest.Matchers.oneOf(400, 404)).contentType("application/problem+json");
        admin().get("/v1/models/{m}", "Bad_Name").then().statusCode(400).contentType("application/problem+json").body("field", equalTo("model"));
    }

    @Test
    void jsonOverTheLimitIs413() throws Exception {
        String model = newModel("big");
        byte[] filler = new byte[20 * 1024 * 1024];
        Arrays.fill(filler, (byte) 'x');
        String head = "{\"function\": \"append\", \"args\": {\"table\": \"t\", \"rows\": [{\"s\": \"";
        byte[] body = new byte[head.length() + filler.length + 6];
        System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, body, 0, head.length());
        System.arraycopy(filler, 0, body, head.length(), filler.length);
        System.arraycopy("\"}]}}".getBytes(StandardCharsets.UTF_8), 0, body, head.length() + filler.length, 5);
        admin().contentType(JSON).body(body).post("/v1/models/{m}/intents", model)
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://teatree.io/problems/payload-too-large"));
        assertThat(intentsOnStream(model)).isZero();
    }

    @Test
    void modelRegistrationIsValidated() {
        String model = newModel("dup");
        admin().contentType(JSON).body("{\"id\": \"" + model + "\"}").post("/v1/models")
                .then().statusCode(409).contentType("application/problem+json");
        admin().contentType(JSON).body("{\"id\": \"ok-pod\", \"podClass\": \"huge\"}").post("/v1/models")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("podClass"));
        admin().contentType(JSON).body("{\"id\": \"ok-pod\", \"size\": 3}").post("/v1/models")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("size"));
    }

    @Test
    void unknownRoutesAndMethodsGetProblems() {
        admin().get("/nope").then().statusCode(404).contentType("application/problem+json");
        admin().get("/v1/nope").then().statusCode(404).contentType("application/problem+json");
        admin().delete("/v1/models").then().statusCode(405).contentType("application/problem+json")
                .body("type", startsWith("https://teatree.io/problems/"));
        admin().get("/v1/intents/not-a-uuid").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("id")).body("detail", containsString("UUID"));
    }
}
