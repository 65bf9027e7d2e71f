package io.teatree.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.teatree.manager.support.Control;
import io.teatree.manager.support.Intents;
import io.teatree.manager.support.Manual;
import io.teatree.manager.support.ManagerProcess;
import io.teatree.manager.support.ModelFile;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.IntentRow;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithTeatreeServers
class TwoManagersIT {

    @Test
    void secondManagerWaitsForTheLeaseAndTakesOverWithAHigherEpoch(TeatreeServers servers) throws Exception {
        ModelId model = ModelId.of(Manual.newModel("two"));
        Path dataDir = servers.newDirectory("two");
        try (Connection nc = Manual.nats();
             ManagerProcess first = ManagerProcess.start(model.value(), dataDir, Map.of())) {
            nc.jetStream().publish(Intents.message(Intents.createTable(model, "t", "id", "BIGINT"), true));
            IntentEnvelope one = Intents.appendRow(model, "t", Json.MAPPER.createObjectNode().put("id", 1));
            nc.jetStream().publish(Intents.message(one, true));
            awaitSucceeded(one);
            long firstEpoch = Control.scalar("SELECT owner_epoch FROM goal_model WHERE id = ?", model.value());

            try (ManagerProcess second = ManagerProcess.start(model.value(), dataDir, Map.of())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> second.logText().contains("waiting for the lease"));
                assertThat(second.alive()).isTrue();
                assertThat(Control.scalar("SELECT owner_epoch FROM goal_model WHERE id = ?", model.value())).isEqualTo(firstEpoch);

                IntentEnvelope two = Intents.appendRow(model, "t", Json.MAPPER.createObjectNode().put("id", 2));
                nc.jetStream().publish(Intents.message(two, true));
                awaitSucceeded(two);
                assertThat(first.logText()).contains("running at version");
                assertThat(second.logText()).doesNotContain("running at version");

                assertThat(first.terminate(Duration.ofSeconds(30))).as(first.logText()).isZero();
                await().atMost(Duration.ofSeconds(60)).until(() -> second.logText().contains("running at version"));
                assertThat(Control.scalar("SELECT owner_epoch FROM goal_model WHERE id = ?", model.value())).isGreaterThan(firstEpoch);

                IntentEnvelope three = Intents.appendRow(model, "t", Json.MAPPER.createObjectNode().put("id", 3));
                nc.jetStream().publish(Intents.message(three, true));
                awaitSucceeded(three);
                assertThat(second.terminate(Duration.ofSeconds(30))).as(second.logText()).isZero();
            }
        }
        assertThat(ModelFile.scalar(dataDir, model.value(), "SELECT count(*) FROM t")).isEqualTo(3);
        assertThat(ModelFile.scalar(dataDir, model.value(), "SELECT value FROM _teatree.meta WHERE key = 'epoch'"))
                .isEqualTo(Control.scalar("SELECT owner_epoch FROM goal_model WHERE id = ?", model.value()));
    }

    private static void awaitSucceeded(IntentEnvelope intent) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Control.store().intent(intent.id()).map(IntentRow::status).orElse(IntentStatus.QUEUED) == IntentStatus.SUCCEEDED);
    }
}
