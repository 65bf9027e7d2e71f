package io.teatree.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.impl.NatsMessage;
import io.teatree.manager.support.Control;
import io.teatree.manager.support.Intents;
import io.teatree.manager.support.ManagerProcess;
import io.teatree.manager.support.Manual;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.testkit.OtlpReceiver;
import io.teatree.testkit.ReceivedSpan;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a real manager exports over OTLP: the batch, function and snapshot spans of one traced workload. */
@WithTeatreeServers
class ManagerTracingIT {

    private static final String SERVICE = "teatree-db-manager";

    @Test
    void batchSpanContinuesTheFirstIntentsTraceLinksEveryIntentAndParentsFunctionAndSnapshotSpans(TeatreeServers servers)
            throws Exception {
        ModelId model = ModelId.of(Manual.newModel("traced"));
        try (OtlpReceiver receiver = OtlpReceiver.start(); Connection nc = Manual.nats()) {
            Workload work = Workload.publish(nc, model);
            // a long linger makes the whole backlog land in one fetch, so in one batch
            try (ManagerProcess manager = ManagerProcess.start(model.value(), servers.newDirectory("traced"),
                    Map.of("teatree.manager.linger", "PT2S"), receiver.environment(SERVICE))) {
                manager.await(Duration.ofSeconds(90), () -> receiver.spans().stream().anyMatch(s -> s.name().equals("snapshot")
                        && model.value().equals(s.attribute("teatree.model"))));
                List<ReceivedSpan> spans = receiver.spans().stream().filter(s -> model.value().equals(s.attribute("teatree.model"))).toList();
                assertThat(spans).extracting(ReceivedSpan::service).containsOnly(SERVICE);

                ReceivedSpan batch = only(spans, "manager.batch");
                Traced first = work.traced().get(0);
                assertThat(batch.traceId()).isEqualTo(first.traceId());
                assertThat(batch.parentSpanId()).isEqualTo(first.spanId());
                assertThat(batch.attribute("teatree.batch.size")).isEqualTo(String.valueOf(work.traced().size()));
                assertThat(batch.attribute("teatree.version")).isEqualTo("1");
                assertThat(batch.error()).isFalse();
                assertThat(batch.links()).hasSize(work.traced().size());
                Map<String, String> linkedIntents = batch.links().stream().collect(Collectors.toMap(
                        l -> l.traceId() + "/" + l.spanId(), l -> l.attributes().get("teatree.intent.id")));
                for (Traced t : work.traced()) {
                    assertThat(linkedIntents).containsEntry(t.traceId() + "/" + t.spanId(), t.intent().id().toString());
                }

                List<ReceivedSpan> creates = named(spans, "function.create_table");
                assertThat(creates).isNotEmpty().allSatisfy(create -> {
                    assertThat(create.isChildOf(batch)).isTrue();
                    assertThat(create.attributes()).containsEntry("teatree.model", model.value())
                            .containsEntry("teatree.intent.id", work.create().id().toString())
                            .containsEntry("teatree.function", "create_table")
                            .containsEntry("teatree.version", "1");
                    assertThat(create.error()).isFalse();
                });

                ReceivedSpan failing = named(spans, "function.append").stream()
                        .filter(s -> work.failing().id().toString().equals(s.attribute("teatree.intent.id"))).findFirst().orElseThrow();
                assertThat(failing.isChildOf(batch)).isTrue();
                assertThat(failing.error()).isTrue();
                assertThat(failing.statusMessage()).containsIgnoringCase("missing");

                // the three appends before the failing one ran as one group; after the rollback the five appends to t
                // are consecutive and run as one group
                List<ReceivedSpan> groups = named(spans, "function.append").stream().filter(s -> s.attribute("teatree.intent.ids") != null).toList();
                assertThat(groups).extracting(s -> s.attribute("teatree.batch.size")).containsExactlyInAnyOrder("3", "5");
                assertThat(groups).allSatisfy(group -> {
                    assertThat(group.isChildOf(batch)).isTrue();
                    assertThat(group.error()).isFalse();
                });
                String beforeRollback = groups.stream().filter(g -> g.attribute("teatree.batch.size").equals("3")).findFirst()
                        .orElseThrow().attribute("teatree.intent.ids");
                String afterRollback = groups.stream().filter(g -> g.attribute("teatree.batch.size").equals("5")).findFirst()
                        .orElseThrow().attribute("teatree.intent.ids");
                for (int k = 0; k < work.appendsToT().size(); k++) {
                    String id = work.appendsToT().get(k).id().toString();
                    assertThat(afterRollback).contains(id);
                    assertThat(beforeRollback.contains(id)).as("append %d in the first group", k).isEqualTo(k < 3);
                }

                ReceivedSpan snapshot = only(spans, "snapshot");
                assertThat(snapshot.isChildOf(batch)).isTrue();
                assertThat(snapshot.attribute("teatree.version")).isEqualTo("1");
                assertThat(Long.parseLong(snapshot.attribute("teatree.snapshot.bytes"))).isPositive();
                assertThat(snapshot.error()).isFalse();
            }
        }
    }

    @Test
    void withoutAnOtlpEndpointInTheEnvironmentNothingIsExported(TeatreeServers servers) throws Exception {
        ModelId model = ModelId.of(Manual.newModel("untraced"));
        try (OtlpReceiver receiver = OtlpReceiver.start(); Connection nc = Manual.nats()) {
            Workload work = Workload.publish(nc, model);
            Map<String, String> env = new HashMap<>(receiver.environment(SERVICE));
            env.remove("OTEL_EXPORTER_OTLP_ENDPOINT");
            // the exporter knows the receiver: spans would arrive if the SDK were on
            Map<String, String> config = Map.of("teatree.manager.linger", "PT2S", "teatree.manager.idle-timeout", "PT2S",
                    "quarkus.otel.exporter.otlp.endpoint", receiver.endpoint());
            try (ManagerProcess manager = ManagerProcess.start(model.value(), servers.newDirectory("untraced"), config, env)) {
                manager.await(Duration.ofSeconds(90), () -> Control.scalar(
                        "SELECT count(*) FROM intent WHERE model_id = ? AND status IN ('succeeded', 'failed')", model.value())
                        == work.traced().size());
                // the process has exited: whatever it would have exported is sent by now
                assertThat(manager.waitFor(Duration.ofSeconds(60))).as(manager.logText()).isZero();
                assertThat(manager.logText()).contains("(tracing off)");
            }
            assertThat(receiver.spans()).isEmpty();
        }
    }

    private static ReceivedSpan only(List<ReceivedSpan> spans, String name) {
        List<ReceivedSpan> found = named(spans, name);
        assertThat(found).as(name + " spans among " + spans.stream().map(ReceivedSpan::name).toList()).hasSize(1);
        return found.get(0);
    }

    private static List<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
        return spans.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** An intent published with a made-up {@code traceparent}: its own trace and parent span, as the API would. */
    record Traced(IntentEnvelope intent, String traceId, String spanId) {
    }

    /**
     * create_table t, three appends to t, an append to a missing table (fails), two appends to t, snapshot;
     * each in a trace of its own.
     */
    record Workload(List<Traced> traced, IntentEnvelope create, List<IntentEnvelope> appendsToT, IntentEnvelope failing) {

        static Workload publish(Connection nc, ModelId model) throws Exception {
            IntentEnvelope create = Intents.createTable(model, "t", "id", "BIGINT");
            List<IntentEnvelope> appendsToT = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                appendsToT.add(Intents.appendRow(model, "t", Json.MAPPER.createObjectNode().put("id", i)));
            }
            IntentEnvelope failing = Intents.appendRow(model, "missing", Json.MAPPER.createObjectNode().put("id", 1));
            List<IntentEnvelope> intents = new ArrayList<>(List.of(create));
            intents.addAll(appendsToT.subList(0, 3));
            intents.add(failing);
            intents.addAll(appendsToT.subList(3, 5));
            intents.add(Intents.of(model, "snapshot", Json.MAPPER.createObjectNode()));
            List<Traced> traced = new ArrayList<>();
            List<NatsMessage> messages = new ArrayList<>();
            for (IntentEnvelope intent : intents) {
                Traced t = new Traced(intent, randomHex(16), randomHex(8));
                traced.add(t);
                messages.add(Intents.traced(intent, t.traceId(), t.spanId()));
            }
            Intents.publishAll(nc.jetStream(), messages);
            return new Workload(List.copyOf(traced), create, List.copyOf(appendsToT), failing);
        }

        private static String randomHex(int bytes) {
            byte[] b = new byte[bytes];
            ThreadLocalRandom.current().nextBytes(b);
            b[0] |= 1; // never all zeros (an invalid id)
            return HexFormat.of().formatHex(b);
        }
    }
}
