package io.teatree.api;

import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.teatree.protocol.EventEnvelope;
import io.teatree.protocol.EventType;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.IntentOutcome;
import io.teatree.testkit.TeatreeTestResource;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class IntentStatusIT {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void waitReturnsAsSoonAsTheIntentSucceeds() throws Exception {
        String model = newModel("wait");
        String id = admin().contentType(ContentType.JSON).body("{\"function\": \"snapshot\", \"args\": {}}")
                .post("/v1/models/{m}/intents", model).then().statusCode(202).extract().path("id");

        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> admin().get("/v1/intents/{id}?wait=30s", id));
        // what the db-manager does: row first, then the event
        UUID intent = UUID.fromString(id);
        new ControlStore(dataSource).recordOutcomes(ModelId.of(model), List.of(new IntentOutcome(intent, "snapshot",
                IntentStatus.SUCCEEDED, 1, Json.MAPPER.createObjectNode().put("ok", true), null, Instant.now(), Instant.now(), "bootstrap")), 1);
        Api.nats().jetStream().publish(Subjects.event(ModelId.of(model)), Json.write(new EventEnvelope(ModelId.of(model), null,
                EventType.INTENT_SUCCEEDED, intent, 1L, "succeeded", null, null, Instant.now())));

        Response response = waiting.get(20, TimeUnit.SECONDS);
        response.then().statusCode(200).body("status", equalTo("succeeded")).body("version", equalTo(1))
                .body("result.ok", equalTo(true));
        assertThat(response.time()).isLessThan(20_000);
    }

    @Test
    void waitEndsWithTheCurrentStatusWhenNothingHappens() {
        String model = newModel("nowait");
        String id = admin().contentType(ContentType.JSON).body("{\"function\": \"snapshot\", \"args\": {}}")
                .post("/v1/models/{m}/intents", model).then().statusCode(202).extract().path("id");
        admin().get("/v1/intents/{id}?wait=1500ms", id).then().statusCode(200).body("status", equalTo("queued"));
        admin().get("/v1/intents/{id}?wait=soon", id).then().statusCode(400).body("field", equalTo("wait"));
        admin().get("/v1/intents/{id}", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }
}
