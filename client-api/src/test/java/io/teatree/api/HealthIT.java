package io.teatree.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.TeatreeTestResource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class HealthIT {

    @Test
    void readyReflectsNatsAndPostgresHonestly() throws Exception {
        awaitReady(200, "UP");

        TeatreeServers.get().nats().stop();
        try {
            awaitReady(503, "DOWN");
        } finally {
            TeatreeServers.get().nats().start();
        }
        awaitReady(200, "UP");

        TeatreeServers.get().postgres().stop();
        try {
            awaitReady(503, "DOWN");
        } finally {
            TeatreeServers.get().postgres().start();
        }
        awaitReady(200, "UP");
        given().get("/q/health/live").then().statusCode(200);
    }

    private static void awaitReady(int status, String state) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(status).body("status", equalTo(state)));
    }
}
