package io.teatree.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.impl.NatsMessage;
import io.teatree.manager.support.Control;
import io.teatree.manager.support.HaltFunction;
import io.teatree.manager.support.Intents;
import io.teatree.manager.support.ManagerProcess;
import io.teatree.manager.support.Manual;
import io.teatree.testkit.PluginJar;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.IntentRow;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An intent that kills the db-manager process every time it runs (here: {@code Runtime.halt}, as an OOM or a native
 * crash would) does not keep the model down: the crashed batch is retried intent by intent, the culprit fails
 * {@code poison-intent} after three deaths, and every other intent is applied exactly once, in order.
 */
@WithTeatreeServers
class PoisonIntentIT {

    @Test
    void anIntentThatCrashesTheManagerIsSetAsideAndTheRestApplyInOrder(TeatreeServers servers) throws Exception {
        ModelId model = ModelId.of(Manual.newModel("poison"));
        Path dataDir = servers.newDirectory("poison");
        Path functions = PluginJar.in(dataDir.resolve("functions"), HaltFunction.class);
        List<IntentEnvelope> before = new ArrayList<>();
        List<IntentEnvelope> after = new ArrayList<>();
        IntentEnvelope halt = Intents.of(model, "halt", Json.MAPPER.createObjectNode());
        try (Connection nc = Manual.nats()) {
            List<NatsMessage> messages = new ArrayList<>();
            before.add(Intents.createTable(model, "t", "id", "BIGINT"));
            for (int i = 0; i < 3; i++) {
                before.add(Intents.appendRow(model, "t", Json.MAPPER.createObjectNode().put("id", i)));
            }
            for (int i = 3; i < 6; i++) {
                after.add(Intents.appendRow(model, "t", Json.MAPPER.createObjectNode().put("id", i)));
            }
            before.forEach(i -> messages.add(Intents.message(i, true)));
            messages.add(Intents.message(halt, true));
            after.forEach(i -> messages.add(Intents.message(i, true)));
            Intents.publishAll(nc.jetStream(), messages);
        }

        List<Integer> exits = new ArrayList<>();
        Map<String, String> config = Map.of("teatree.manager.functions-dir", functions.toString(), "teatree.manager.ack-wait", "PT2S",
                "teatree.manager.idle-timeout", "PT3S", "teatree.manager.linger", "PT1S");
        while (exits.size() < 6 && (exits.isEmpty() || exits.get(exits.size() - 1) != 0)) {
            try (ManagerProcess manager = ManagerProcess.start(model.value(), dataDir, config)) {
                exits.add(manager.waitFor(Duration.ofMinutes(2)));
            }
        }

        assertThat(exits).as("three deaths, then the model goes on and stops idle").containsExactly(137, 137, 137, 0);
        IntentRow poisoned = Control.store().intent(halt.id()).orElseThrow();
        assertThat(poisoned.status()).isEqualTo(IntentStatus.FAILED);
        assertThat(poisoned.error().path("type").asText()).endsWith("poison-intent");
        assertThat(poisoned.error().path("detail").asText()).contains("3 times");
        long previous = 0;
        List<IntentEnvelope> ordered = new ArrayList<>(before);
        ordered.add(halt);
        ordered.addAll(after);
        for (IntentEnvelope intent : ordered) {
            IntentRow row = Control.store().intent(intent.id()).orElseThrow();
            if (intent != halt) {
                assertThat(row.status()).as(intent.function()).isEqualTo(IntentStatus.SUCCEEDED);
            }
            assertThat(row.version()).as("applied in order").isGreaterThan(previous);
            previous = row.version();
        }
        assertThat(Control.scalar("SELECT count(*) FROM intent WHERE model_id = ? AND status = 'succeeded'", model.value()))
                .as("each applied exactly once").isEqualTo(before.size() + after.size());
    }
}
