package io.teatree.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.teatree.manager.support.Control;
import io.teatree.manager.support.Intents;
import io.teatree.manager.support.Manual;
import io.teatree.manager.support.ManagerProcess;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.PayloadRef;
import io.teatree.functions.PayloadFormat;
import io.teatree.manager.support.S3;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import java.time.Instant;
import io.teatree.protocol.Subjects;
import io.teatree.protocol.control.IntentRow;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@WithTeatreeServers
class BadIntentIT {

    @Test
    void badIntentsInTheMiddleOfABatchFailWithAReasonAndEveryOtherIntentSucceeds(TeatreeServers servers) throws Exception {
        ModelId model = ModelId.of(Manual.newModel("bad"));
        List<IntentEnvelope> good = new ArrayList<>();
        try (Connection nc = Manual.nats()) {
            List<NatsMessage> messages = new ArrayList<>();
            IntentEnvelope create = Intents.createTable(model, "t", "id", "BIGINT", "name", "VARCHAR");
            messages.add(Intents.message(create, true));
            good.add(create);
            for (int i = 0; i < 5; i++) {
                good.add(Intents.appendRow(model, "t", Json.MAPPER.createObjectNode().put("id", i).put("name", "n" + i)));
            }
            IntentEnvelope unknownTable = Intents.appendRow(model, "missing", Json.MAPPER.createObjectNode().put("id", 1));
            IntentEnvelope typeMismatch = Intents.appendRow(model, "t", Json.MAPPER.createObjectNode().put("id", "not a number"));
            IntentEnvelope unknownFunction = Intents.of(model, "no_such_function", Json.MAPPER.createObjectNode());
            UUID garbageId = UUID.randomUUID();
            for (IntentEnvelope g : good.subList(1, 4)) {
                messages.add(Intents.message(g, true));
            }
            messages.add(Intents.message(unknownTable, true));
            messages.add(Intents.message(typeMismatch, true));
            messages.add(NatsMessage.builder().subject(Subjects.intent(model))
                    .headers(new Headers().add("Nats-Msg-Id", garbageId.toString()))
                    .data("{not json".getBytes(StandardCharsets.UTF_8)).build());
            messages.add(Intents.message(unknownFunction, true));
            // a forged payloadRef: another model's staged rows, which exist, must not be copied into this model
            String stolenKey = PayloadRef.stagingKey(ModelId.of(Manual.newModel("victim")), UUID.randomUUID());
            try (S3Client s3 = S3.client()) {
                s3.putObject(b -> b.bucket(TeatreeServers.BUCKET).key(stolenKey),
                        RequestBody.fromString("[{\"id\": 1000, \"name\": \"stolen\"}]"));
            }
            IntentEnvelope forged = new IntentEnvelope(UUID.randomUUID(), model, "append", Json.MAPPER.createObjectNode().put("table", "t"),
                    new PayloadRef("s3://" + TeatreeServers.BUCKET + "/" + stolenKey, PayloadFormat.JSON, -1), Instant.now(), "test");
            messages.add(Intents.message(forged, true));
            for (IntentEnvelope g : good.subList(4, 6)) {
                messages.add(Intents.message(g, true));
            }
            Intents.publishAll(nc.jetStream(), messages);

            // a long linger makes the whole backlog land in one fetch, so in one batch
            try (ManagerProcess manager = ManagerProcess.start(model.value(), servers.newDirectory("bad"),
                    Map.of("teatree.manager.linger", "PT2S"))) {
                manager.await(Duration.ofMinutes(2), () -> Control.scalar(
                        "SELECT count(*) FROM intent WHERE model_id = ? AND status IN ('succeeded', 'failed')", model.value()) == 11);

                for (IntentEnvelope g : good) {
                    assertThat(Control.store().intent(g.id()).orElseThrow().status()).as(g.function()).isEqualTo(IntentStatus.SUCCEEDED);
                }
                assertThat(error(unknownTable.id()).path("detail").asText()).containsIgnoringCase("missing");
                assertThat(error(typeMismatch.id()).toString()).containsIgnoringCase("id");
                assertThat(error(garbageId).path("type").asText()).endsWith("undecodable-intent");
                assertThat(error(unknownFunction.id()).path("field").asText()).isEqualTo("function");
                assertThat(error(unknownFunction.id()).path("detail").asText()).contains("append");
                assertThat(error(forged.id()).path("type").asText()).endsWith("wrong-model");
                assertThat(error(forged.id()).path("field").asText()).isEqualTo("payloadRef");
                // the good intents were committed in one version: failures did not split the batch
                assertThat(Control.scalar("SELECT count(DISTINCT version) FROM intent WHERE model_id = ?", model.value())).isEqualTo(1);

                assertThat(manager.alive()).as(manager.logText()).isTrue();
                IntentEnvelope after = Intents.appendRow(model, "t", Json.MAPPER.createObjectNode().put("id", 99).put("name", "after"));
                nc.jetStream().publish(Intents.message(after, true));
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        Control.store().intent(after.id()).map(IntentRow::status).orElse(IntentStatus.QUEUED) == IntentStatus.SUCCEEDED);
            }
        }
    }

    private static JsonNode error(UUID id) throws Exception {
        IntentRow row = Control.store().intent(id).orElseThrow();
        assertThat(row.status()).isEqualTo(IntentStatus.FAILED);
        return row.error();
    }
}
