package io.teatree.dispatcher.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.PurgeOptions;
import io.nats.client.impl.NatsMessage;
import io.opentelemetry.api.trace.Span;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.teatree.dispatcher.DispatcherTestResource;
import io.teatree.dispatcher.demand.Supervisor;
import io.teatree.dispatcher.e2e.Intents;
import io.teatree.dispatcher.e2e.ManagerJar;
import io.teatree.dispatcher.wiring.DispatcherTracing;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import io.teatree.dispatcher.api.OperationsAuthFilter;
import io.teatree.protocol.control.ApiKeyStore;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.telemetry.LabelCap;
import io.teatree.testkit.PrometheusText;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.TeatreeTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/metrics} of the dispatcher service after known workloads on real NATS and Postgres: intents
 * pending on three models that are not registered (so no manager starts) with a model label cap of two, and
 * a real db-manager started, killed, restarted and stopped by the local placement.
 */
@QuarkusTest
@TestProfile(DispatcherMetricsIT.Profile.class)
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = DispatcherTestResource.class, restrictToAnnotatedClass = false)
class DispatcherMetricsIT {

    /** Managers idle long enough to be seen running, and a model label cap of two. */
    public static final class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("teatree.dispatcher.idle-timeout", "PT20S", "teatree.metrics.model-label-cap", "2");
        }
    }

    private static final String PENDING = "teatree_dispatcher_pending_intents";
    private static final String RUNNING = "teatree_dispatcher_managers_running";
    private static final String STARTS = "teatree_dispatcher_manager_starts_total";
    private static final String STOPS = "teatree_dispatcher_manager_stops_total";
    private static final String CRASHES = "teatree_dispatcher_manager_crashes_total";
    private static final ModelId MANAGED = ModelId.of("metrics-managed");
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

    @Inject
    Supervisor supervisor;

    @Inject
    DispatcherTracing tracing;

    @Test
    void pendingIntentsHaveABoundedModelLabelAndReadZeroOnceTheyAreGone() throws Exception {
        List<ModelId> models = List.of(ModelId.of("metrics-pending-1"), ModelId.of("metrics-pending-2"), ModelId.of("metrics-pending-3"));
        try {
            for (int i = 0; i < models.size(); i++) {
                for (int n = 0; n <= i; n++) {
                    nats.jetStream().publish(NatsMessage.builder().subject(Subjects.intent(models.get(i)))
                            .data("{}".getBytes(StandardCharsets.UTF_8)).build());
                }
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Map<String, Double> series = scrape().byLabel(PENDING, "model");
                assertThat(series).hasSizeLessThanOrEqualTo(3).containsKey(LabelCap.OTHER);
                assertThat(series.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(1 + 2 + 3);
            });
        } finally {
            for (ModelId model : models) {
                nats.jetStreamManagement().purgeStream(Subjects.INTENTS_STREAM, PurgeOptions.subject(Subjects.intent(model)));
            }
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(scrape().byLabel(PENDING, "model").values()).containsOnly(0.0));
    }

    @Test
    void managerStartsCrashesStopsAndRunningManagersFollowTheLocalPlacement() throws Exception {
        ManagerJar.require();
        ControlStore control = new ControlStore(dataSource);
        control.createModel(MANAGED, "small");
        Intents intents = new Intents(nats, control);
        PrometheusText before = scrape();
        double starts = before.value(STARTS);
        double crashes = before.value(CRASHES);

        UUID create = intents.createTable(MANAGED, "events");
        await().atMost(APPLIED).pollInterval(Duration.ofMillis(200)).until(() -> intents.status(create) == IntentStatus.SUCCEEDED);
        long pid = managerPid().orElseThrow();
        assertThat(scrape().value(STARTS)).isEqualTo(starts + 1);
        awaitRunningMatchesThePlacements(1);

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> managerPid().filter(p -> p != pid).isPresent());
        PrometheusText afterCrash = scrape();
        assertThat(afterCrash.value(CRASHES)).isEqualTo(crashes + 1);
        assertThat(afterCrash.value(STARTS)).isEqualTo(starts + 2);
        awaitRunningMatchesThePlacements(1);

        await().atMost(Duration.ofSeconds(90)).until(() -> managerPid().isEmpty());
        awaitRunningMatchesThePlacements(0);
        PrometheusText stopped = scrape();
        assertThat(stopped.value(STOPS)).isEqualTo(supervisor.stops());
        assertThat(stopped.value(STARTS)).isEqualTo(starts + 2);
        assertThat(stopped.value(CRASHES)).isEqualTo(crashes + 1);
    }

    @Test
    void withoutAnOtlpEndpointTheDispatchersSpansAreNoOps() {
        Span span = tracing.telemetry().getTracer("test").spanBuilder("probe").startSpan();
        try {
            assertThat(span.isRecording()).isFalse();
            assertThat(span.getSpanContext().isValid()).isFalse();
        } finally {
            span.end();
        }
    }

    @Test
    void placementsAndMetricsNeedAnAdminKeyForAllModelsHealthDoesNot() {
        ApiKeyStore keys = new ApiKeyStore(dataSource);
        String reader = "tt_reader_" + UUID.randomUUID();
        String scopedAdmin = "tt_scoped_" + UUID.randomUUID();
        String admin = "tt_admin_" + UUID.randomUUID();
        keys.create("key-r" + UUID.randomUUID().toString().substring(0, 8), OperationsAuthFilter.sha256(reader), "reader", "*");
        keys.create("key-s" + UUID.randomUUID().toString().substring(0, 8), OperationsAuthFilter.sha256(scopedAdmin), "admin", "metrics-*");
        keys.create("key-a" + UUID.randomUUID().toString().substring(0, 8), OperationsAuthFilter.sha256(admin), "admin", "*");
        for (String path : List.of("/placements", "/q/metrics", "/q/metrics/", "/placements/")) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer realm=\"teatree\"");
            given().auth().oauth2("tt_wrong").get(path).then().statusCode(401);
            given().auth().oauth2(reader).get(path).then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(scopedAdmin).get(path).then().statusCode(403);
        }
        given().auth().oauth2(admin).get("/placements").then().statusCode(200);
        given().auth().oauth2(admin).get("/q/metrics").then().statusCode(200);
        given().auth().oauth2(DispatcherTestResource.ADMIN_KEY).get("/placements").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }

    /** Waits until the gauge equals the managers /placements shows starting or running, {@code ours} of them {@code metrics-managed}'s. */
    private static void awaitRunningMatchesThePlacements(int ours) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<String> active = given().auth().oauth2(DispatcherTestResource.ADMIN_KEY).get("/placements").then().statusCode(200).extract().jsonPath()
                    .getList("findAll { it.state == 'running' || it.state == 'starting' }.model");
            assertThat(active.stream().filter(MANAGED.value()::equals)).hasSize(ours);
            assertThat(scrape().value(RUNNING)).isEqualTo(active.size());
        });
    }

    private static Optional<Long> managerPid() {
        List<String> details = given().auth().oauth2(DispatcherTestResource.ADMIN_KEY).get("/placements").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.model == '" + MANAGED + "' && it.state == 'running' }.detail");
        return details.stream().findFirst().map(d -> Long.parseLong(d.substring("pid ".length())));
    }

    private static PrometheusText scrape() {
        return PrometheusText.parse(given().auth().oauth2(DispatcherTestResource.ADMIN_KEY).get("/q/metrics").then().statusCode(200).extract().asString());
    }
}
