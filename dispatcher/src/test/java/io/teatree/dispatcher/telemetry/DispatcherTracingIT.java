package io.teatree.dispatcher.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.PurgeOptions;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.teatree.dispatcher.e2e.IsolatedDatabase;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Streams;
import io.teatree.protocol.Subjects;
import io.teatree.testkit.NatsUser;
import io.teatree.testkit.OtlpReceiver;
import io.teatree.testkit.ReceivedSpan;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The packaged dispatcher as a process with {@code OTEL_EXPORTER_OTLP_ENDPOINT} pointing at a real OTLP
 * receiver and {@code TEATREE_LOG_JSON=true}: an intent published with a {@code traceparent} continues its
 * trace in a {@code dispatcher.ensure} span, and a failing ensure is an ERROR span. The models are not
 * registered, so no manager starts.
 */
@WithTeatreeServers
class DispatcherTracingIT {

    private static final ModelId UNKNOWN = ModelId.of("traced-unknown");
    private static final ModelId FAILING = ModelId.of("traced-failing");
    private static final Duration EXPORTED = Duration.ofSeconds(30);

    @Test
    void anIntentsTraceContinuesInTheDispatcherAndAFailedEnsureIsAnErrorSpan(TeatreeServers servers) throws Exception {
        IsolatedDatabase database = IsolatedDatabase.create(servers, "teatree_tracing");
        Path dir = servers.newDirectory("dispatcher-tracing-");
        Map<String, String> config = new LinkedHashMap<>(servers.serviceConfig(NatsUser.DISPATCHER));
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("teatree.dispatcher.local.data-dir", dir.resolve("data").toString());
        // only the intent itself triggers an ensure: a reconcile pass between the publish and its delivery would report
        // the unknown model first (once per model), without the intent id this test looks for in the MDC; so the one
        // pass at start-up is awaited below and the next is an hour away
        config.put("teatree.dispatcher.reconcile-interval", "PT1H");
        try (OtlpReceiver receiver = OtlpReceiver.start(); Connection nats = Nats.connect(servers.nats().url())) {
            Map<String, String> env = new LinkedHashMap<>(receiver.environment("teatree-dispatcher"));
            env.put("TEATREE_LOG_JSON", "true");
            Streams.provision(nats, Duration.ofDays(1));
            try (DispatcherProcess dispatcher = DispatcherProcess.start(config, env, dir)) {
                dispatcher.awaitStarted(Duration.ofSeconds(90));
                Thread.sleep(2_500); // the scheduler's first reconcile pass (within its 1 s tick) runs before the intent exists

                String traceId = hex(16);
                String parentSpanId = hex(8);
                String intentId = UUID.randomUUID().toString();
                publish(nats, UNKNOWN, traceId, parentSpanId, intentId);
                ReceivedSpan ensure = receiver.await(s -> s.name().equals("dispatcher.ensure") && s.traceId().equals(traceId), EXPORTED);
                assertThat(ensure.service()).isEqualTo("teatree-dispatcher");
                assertThat(ensure.parentSpanId()).isEqualTo(parentSpanId);
                assertThat(ensure.attribute("teatree.model")).isEqualTo(UNKNOWN.value());
                assertThat(ensure.attribute("teatree.intent.id")).isEqualTo(intentId);
                assertThat(ensure.attribute("teatree.placement.outcome")).isEqualTo("unknown-model");
                assertThat(ensure.error()).isFalse();
                assertThat(jsonLines(dispatcher.logText())).as("a JSON log line about the intent, with model and intent id in the MDC")
                        .anySatisfy(line -> {
                            assertThat(line.path("message").asText()).contains("not registered in goal_model");
                            assertThat(line.path("mdc").path("model").asText()).isEqualTo(UNKNOWN.value());
                            assertThat(line.path("mdc").path("intentId").asText()).isEqualTo(intentId);
                        });

                try (var c = database.dataSource().getConnection()) {
                    c.createStatement().execute("ALTER TABLE goal_model RENAME TO goal_model_away");
                }
                String failingTrace = hex(16);
                String failingParent = hex(8);
                publish(nats, FAILING, failingTrace, failingParent, UUID.randomUUID().toString());
                ReceivedSpan failed = receiver.await(s -> s.name().equals("dispatcher.ensure") && s.traceId().equals(failingTrace), EXPORTED);
                assertThat(failed.parentSpanId()).isEqualTo(failingParent);
                assertThat(failed.attribute("teatree.model")).isEqualTo(FAILING.value());
                assertThat(failed.attribute("teatree.placement.outcome")).isEqualTo("failed");
                assertThat(failed.error()).isTrue();
                assertThat(failed.statusMessage()).contains("cannot ensure a manager for " + FAILING.value());
            } finally {
                for (ModelId model : List.of(UNKNOWN, FAILING)) {
                    nats.jetStreamManagement().purgeStream(Subjects.INTENTS_STREAM, PurgeOptions.subject(Subjects.intent(model)));
                }
            }
        }
    }

    private static void publish(Connection nats, ModelId model, String traceId, String parentSpanId, String intentId) throws Exception {
        Headers headers = new Headers().add("Nats-Msg-Id", intentId).add("traceparent", "00-" + traceId + "-" + parentSpanId + "-01");
        nats.jetStream().publish(NatsMessage.builder().subject(Subjects.intent(model)).headers(headers)
                .data("{}".getBytes(StandardCharsets.UTF_8)).build());
    }

    private static List<JsonNode> jsonLines(String log) {
        return log.lines().filter(l -> l.startsWith("{")).map(l -> {
            try {
                return Json.MAPPER.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not a JSON log line: " + l, e);
            }
        }).toList();
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;
        return HexFormat.of().formatHex(b);
    }
}
