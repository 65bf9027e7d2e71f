package io.teatree.manager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.impl.NatsMessage;
import io.teatree.manager.support.Control;
import io.teatree.manager.support.Intents;
import io.teatree.manager.support.ManagerProcess;
import io.teatree.manager.support.Manual;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.testkit.Ports;
import io.teatree.testkit.PrometheusText;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One manager with JSON logs applies a known workload (create_table, 30 appends of which 5 name a missing table,
 * a snapshot intent, all in one batch); its {@code /q/metrics} and its log lines are checked against it.
 */
@WithTeatreeServers
class ManagerMetricsIT {

    private static final int APPENDS = 30;
    private static final int FAILING = 5;

    private static ModelId model;
    private static int port;
    private static ManagerProcess manager;
    private static final List<IntentEnvelope> failing = new ArrayList<>();

    @BeforeAll
    static void applyTheWorkload() throws Exception {
        model = ModelId.of(Manual.newModel("metered"));
        List<NatsMessage> messages = new ArrayList<>();
        messages.add(Intents.message(Intents.createTable(model, "t", "id", "BIGINT"), true));
        for (int i = 0; i < APPENDS; i++) {
            boolean fails = i % (APPENDS / FAILING) == 3;
            IntentEnvelope append = Intents.appendRow(model, fails ? "missing" : "t", Json.MAPPER.createObjectNode().put("id", i));
            if (fails) {
                failing.add(append);
            }
            messages.add(Intents.message(append, true));
        }
        messages.add(Intents.message(Intents.of(model, "snapshot", Json.MAPPER.createObjectNode()), true));
        try (Connection nc = Manual.nats()) {
            Intents.publishAll(nc.jetStream(), messages);
        }
        port = Ports.free();
        // one batch (long linger, backlog published first); only the snapshot intent publishes a version
        manager = ManagerProcess.start(model.value(), TeatreeServers.get().newDirectory("metered"), Map.of(
                "quarkus.http.port", String.valueOf(port),
                "teatree.manager.linger", "PT2S",
                "teatree.manager.snapshot.min-interval", "PT1H",
                "teatree.manager.snapshot.max-lag", "1000",
                "teatree.manager.idle-timeout", "PT5M"), Map.of("TEATREE_LOG_JSON", "true"));
        manager.await(Duration.ofSeconds(90), () -> Control.scalar(
                "SELECT count(*) FROM intent WHERE model_id = ? AND status IN ('succeeded', 'failed')", model.value()) == messages.size()
                && Control.scalar("SELECT coalesce(max(snapshot_version), 0) FROM goal_model WHERE id = ?", model.value()) == 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (manager != null) {
            assertThat(manager.terminate(Duration.ofSeconds(60))).as(manager.logText()).isZero();
        }
    }

    @Test
    void metricsCountTheWorkloadExactly() throws Exception {
        Map<String, String> m = Map.of("model", model.value());
        // the lease (2 s) renews every ~0.7 s; the pending gauge refreshes once a second
        manager.await(Duration.ofSeconds(30), () -> {
            PrometheusText now = PrometheusText.scrape(URI.create("http://127.0.0.1:" + port));
            return now.value("teatree_manager_lease_renewals_total", m) >= 1
                    && now.value("teatree_manager_pending_intents", m) == 0;
        });
        PrometheusText metrics = PrometheusText.scrape(URI.create("http://127.0.0.1:" + port));

        assertThat(metrics.value("teatree_manager_intents_applied_total", Map.of("model", model.value(), "function", "append")))
                .isEqualTo(APPENDS - FAILING);
        assertThat(metrics.value("teatree_manager_intents_failed_total", Map.of("model", model.value(), "function", "append")))
                .isEqualTo(FAILING);
        assertThat(metrics.value("teatree_manager_intents_applied_total", Map.of("model", model.value(), "function", "create_table")))
                .isEqualTo(1);
        assertThat(metrics.value("teatree_manager_intents_applied_total", Map.of("model", model.value(), "function", "snapshot")))
                .isEqualTo(1);
        assertThat(metrics.find("teatree_manager_intents_failed_total", Map.of("model", model.value(), "function", "create_table")))
                .isEmpty();

        double batches = metrics.value("teatree_manager_batch_size_count", m);
        assertThat(batches).isEqualTo(1);
        assertThat(metrics.value("teatree_manager_batch_size_sum", m)).isEqualTo(APPENDS + 2);
        assertThat(metrics.value("teatree_manager_batch_size_bucket", Map.of("model", model.value(), "le", "+Inf"))).isEqualTo(batches);
        assertThat(metrics.value("teatree_manager_batch_size_bucket", Map.of("model", model.value(), "le", "25.0"))).isZero();
        assertThat(metrics.value("teatree_manager_batch_size_bucket", Map.of("model", model.value(), "le", "50.0"))).isEqualTo(1);
        assertThat(metrics.value("teatree_manager_batch_apply_seconds_count", m)).isEqualTo(batches);
        assertThat(metrics.value("teatree_manager_batch_apply_seconds_sum", m)).isPositive();
        assertThat(metrics.samples("teatree_manager_batch_apply_seconds_bucket")).hasSizeLessThan(20);
        assertThat(metrics.value("teatree_manager_version", m)).isEqualTo(1);
        assertThat(metrics.value("teatree_manager_pending_intents", m)).isZero();

        assertThat(metrics.value("teatree_manager_snapshots_total", Map.of("model", model.value(), "outcome", "published"))).isEqualTo(1);
        assertThat(metrics.value("teatree_manager_snapshots_total", Map.of("model", model.value(), "outcome", "failed"))).isZero();
        assertThat(metrics.value("teatree_manager_snapshot_duration_seconds_count", m)).isEqualTo(1);
        assertThat(metrics.value("teatree_manager_snapshot_bytes_count", m)).isEqualTo(1);
        assertThat(metrics.value("teatree_manager_snapshot_bytes_sum", m)).isPositive();

        assertThat(metrics.value("teatree_manager_lease_renewals_total", m)).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("teatree_manager_lease_losses_total", m)).isZero();
    }

    @Test
    void everyLogLineIsJsonNamingTheModelAndFailedIntentLinesCarryTheirIntentId() {
        String text = manager.logText();
        List<String> lines = List.of(text.substring(0, text.lastIndexOf('\n') + 1).split("\n")); // complete lines only
        assertThat(lines).hasSizeGreaterThan(5);
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines) {
            JsonNode record;
            try {
                record = Json.MAPPER.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
            assertThat(record.isObject()).as(line).isTrue();
            assertThat(record.path("model").asText()).as(line).isEqualTo(model.value());
            records.add(record);
        }
        for (IntentEnvelope intent : failing) {
            String id = intent.id().toString();
            List<JsonNode> about = records.stream().filter(r -> r.path("message").asText().contains(id)).toList();
            assertThat(about).as("lines about " + id).isNotEmpty().allSatisfy(r ->
                    assertThat(r.path("mdc").path("intentId").asText()).isEqualTo(id));
        }
        assertThat(records).anySatisfy(r -> assertThat(r.path("mdc").path("model").asText()).isEqualTo(model.value()));
    }
}
