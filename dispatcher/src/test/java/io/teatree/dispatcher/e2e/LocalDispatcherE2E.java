package io.teatree.dispatcher.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.teatree.dispatcher.DispatcherTestResource;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.ControlStore;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.TeatreeTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole local flow on real NATS, Postgres and S3 with the real db-manager jar: an intent for a model
 * without a manager starts one and is applied; the idle manager exits; the next intent starts it again; a
 * manager killed with SIGKILL is restarted and no intent is lost.
 */
@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = DispatcherTestResource.class, restrictToAnnotatedClass = false)
class LocalDispatcherE2E {

    private static final ModelId MODEL = ModelId.of("e2e-local");
    private static final Duration APPLIED = Duration.ofSeconds(90);

    /** A test client (the testkit's test user): the dispatcher's own NATS user may not publish intents. */
    private Connection nats;

    @BeforeEach
    void connect() throws Exception {
        nats = Nats.connect(TeatreeServers.get().nats().url());
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        nats.close();
    }

    @Inject
    DataSource dataSource;

    @Test
    void managersStartOnDemandStopWhenIdleAndSurviveSigkill() throws Exception {
        ManagerJar.require();
        ControlStore control = new ControlStore(dataSource);
        control.createModel(MODEL, "small");
        Intents intents = new Intents(nats, control);
        assertThat(managerPid()).isEmpty();

        UUID create = intents.createTable(MODEL, "events");
        UUID first = intents.append(MODEL, "events", 1);
        awaitSucceeded(intents, List.of(create, first));
        long pid = managerPid().orElseThrow();
        assertThat(placement("podClass")).isEqualTo("small");

        await().atMost(Duration.ofSeconds(60)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        await().atMost(Duration.ofSeconds(10)).until(() -> "stopped".equals(placement("state")));

        UUID second = intents.append(MODEL, "events", 2);
        awaitSucceeded(intents, List.of(second));
        long restartedPid = managerPid().orElseThrow();
        assertThat(restartedPid).isNotEqualTo(pid);

        List<UUID> burst = new ArrayList<>();
        for (int i = 3; i < 53; i++) {
            burst.add(intents.append(MODEL, "events", i));
        }
        ProcessHandle.of(restartedPid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(20)).until(() -> managerPid().filter(p -> p != restartedPid).isPresent());
        awaitSucceeded(intents, burst);
        assertThat(control.countIntents(MODEL, IntentStatus.SUCCEEDED)).isEqualTo(burst.size() + 3);
        assertThat(control.countIntents(MODEL, IntentStatus.FAILED)).isZero();
        assertThat(control.model(MODEL).orElseThrow().currentVersion()).isGreaterThanOrEqualTo(3);
    }

    private static void awaitSucceeded(Intents intents, List<UUID> ids) {
        await().atMost(APPLIED).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (UUID id : ids) {
                assertThat(intents.status(id)).as("intent %s", id).isEqualTo(IntentStatus.SUCCEEDED);
            }
        });
    }

    private static String placement(String field) {
        JsonPath all = given().auth().oauth2(DispatcherTestResource.ADMIN_KEY).get("/placements").then().statusCode(200).extract().jsonPath();
        return all.getString("find { it.model == '" + MODEL + "' }." + field);
    }

    private static Optional<Long> managerPid() {
        List<String> details = given().auth().oauth2(DispatcherTestResource.ADMIN_KEY).get("/placements").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.model == '" + MODEL + "' && it.state == 'running' }.detail");
        return details.stream().findFirst().map(d -> Long.parseLong(d.substring("pid ".length())));
    }
}
