package io.teatree.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.e2e.support.ApiClient;
import io.teatree.e2e.support.TeatreeSystem;
import io.teatree.protocol.Json;
import io.teatree.testkit.OtlpReceiver;
import io.teatree.testkit.ReceivedSpan;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One intent is one trace across processes (docs/design.md, observability): the client API, the dispatcher and a db-manager it
 * started each export to a real OTLP receiver, and the spans join through the {@code traceparent} header on the
 * NATS message. The system runs with JSON logs, as an operator would select them.
 */
// the traced intent's snapshot must be published before the next test adds a batch to the model
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TraceE2E {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String MODEL = "traced";

    private static OtlpReceiver receiver;
    private static TeatreeSystem system;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        receiver = OtlpReceiver.start();
        Map<String, String> dispatcherEnv = new HashMap<>(receiver.environment("teatree-dispatcher"));
        // the dispatcher's local managers inherit OTEL_* (service name set by the manager itself) and the log format
        dispatcherEnv.remove("OTEL_SERVICE_NAME");
        dispatcherEnv.put("TEATREE_LOG_JSON", "true");
        Map<String, String> apiEnv = new HashMap<>(receiver.environment("teatree-client-api"));
        apiEnv.put("TEATREE_LOG_JSON", "true");
        system = TeatreeSystem.start(apiEnv, dispatcherEnv);
        api = new ApiClient(system.apiUrl(), TeatreeSystem.ADMIN_KEY);
        api.registerModel(MODEL);
        String table = api.submit(MODEL, "create_table", Map.of("table", "sales", "columns", Map.of("id", "BIGINT", "amount", "DOUBLE")), Map.of());
        assertThat(api.awaitEnd(table).get("status").asText()).isEqualTo("succeeded");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    @Order(1)
    void oneIntentIsOneTraceFromTheApiThroughTheManagerToTheSnapshot() throws Exception {
        String clientTrace = "0af7651916cd43dd8448eb211c80319c";
        String id = api.submit(MODEL, "append", Map.of("table", "sales", "rows", List.of(Map.of("id", 1, "amount", 2.5))),
                Map.of("traceparent", "00-" + clientTrace + "-b7ad6b7169203331-01"));
        JsonNode status = api.awaitEnd(id);
        assertThat(status.get("status").asText()).isEqualTo("succeeded");
        long version = status.get("version").asLong();

        ReceivedSpan submit = receiver.await(s -> s.name().equals("api.submit") && id.equals(s.attribute("teatree.intent.id")), WAIT);
        assertThat(submit.traceId()).as("the client's trace continues").isEqualTo(clientTrace);
        assertThat(submit.service()).isEqualTo("teatree-client-api");
        assertThat(submit.attributes()).containsEntry("teatree.model", MODEL).containsEntry("teatree.function", "append");

        ReceivedSpan ensure = receiver.await(s -> s.name().equals("dispatcher.ensure") && s.traceId().equals(clientTrace), WAIT);
        assertThat(ensure.isChildOf(submit)).as("dispatcher.ensure continues the intent's trace from the NATS header").isTrue();
        assertThat(ensure.attributes()).containsEntry("teatree.model", MODEL);

        ReceivedSpan batch = receiver.await(s -> s.name().equals("manager.batch") && s.traceId().equals(clientTrace), WAIT);
        assertThat(batch.isChildOf(submit)).as("manager.batch is a child of api.submit").isTrue();
        assertThat(batch.attributes()).containsEntry("teatree.model", MODEL).containsEntry("teatree.version", String.valueOf(version));
        assertThat(batch.links()).as("the batch links the trace of every intent it applied")
                .anySatisfy(link -> assertThat(link.spanId()).isEqualTo(submit.spanId()));

        ReceivedSpan function = receiver.await(s -> s.name().equals("function.append") && s.isChildOf(batch), WAIT);
        assertThat(function.attributes()).containsEntry("teatree.intent.id", id).containsEntry("teatree.function", "append")
                .containsEntry("teatree.model", MODEL);
        assertThat(function.error()).isFalse();

        ReceivedSpan snapshot = receiver.await(s -> s.name().equals("snapshot") && s.isChildOf(batch), WAIT);
        assertThat(Long.parseLong(snapshot.attribute("teatree.version"))).isGreaterThanOrEqualTo(version);
        assertThat(List.of(submit.service(), ensure.service(), batch.service()))
                .containsExactly("teatree-client-api", "teatree-dispatcher", "teatree-db-manager");
    }

    @Test
    @Order(2)
    void aFailedIntentMarksItsFunctionSpanAsAnError() throws Exception {
        String id = api.submit(MODEL, "append", Map.of("table", "missing_table", "rows", List.of(Map.of("id", 1))), Map.of());
        assertThat(api.awaitEnd(id).get("status").asText()).isEqualTo("failed");

        ReceivedSpan submit = receiver.await(s -> s.name().equals("api.submit") && id.equals(s.attribute("teatree.intent.id")), WAIT);
        ReceivedSpan function = receiver.await(s -> s.name().equals("function.append") && id.equals(s.attribute("teatree.intent.id"))
                && s.error(), WAIT);
        assertThat(function.traceId()).isEqualTo(submit.traceId());
        assertThat(function.statusMessage()).contains("missing_table");
    }

    @Test
    @Order(3)
    void everyServiceLogsJsonAndManagerLinesNameTheirModel() throws Exception {
        receiver.await(s -> s.name().equals("manager.batch"), WAIT); // a manager has run
        for (String name : List.of("client-api", "dispatcher", "manager-" + MODEL)) {
            List<String> lines = Files.readAllLines(system.log(name)).stream().filter(l -> !l.isBlank()).toList();
            assertThat(lines).as(name + " logged").isNotEmpty();
            for (String line : lines) {
                JsonNode json = Json.MAPPER.readTree(line);
                assertThat(json.isObject()).as(name + ": " + line).isTrue();
                if (name.startsWith("manager-")) {
                    assertThat(json.path("mdc").path("model").asText(json.path("model").asText()))
                            .as("manager line names its model: " + line).isEqualTo(MODEL);
                }
            }
        }
    }
}
