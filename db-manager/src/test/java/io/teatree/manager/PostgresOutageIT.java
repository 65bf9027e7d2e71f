package io.teatree.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.DeliverPolicy;
import io.teatree.manager.support.Control;
import io.teatree.manager.support.Intents;
import io.teatree.manager.support.Manual;
import io.teatree.manager.support.ManagerProcess;
import io.teatree.protocol.EventEnvelope;
import io.teatree.protocol.EventType;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@WithTeatreeServers
class PostgresOutageIT {

    @Test
    void managerKeepsApplyingWhilePostgresIsDownAndCatchesUpTheControlRowsAfterwards(TeatreeServers servers) throws Exception {
        ModelId model = ModelId.of(Manual.newModel("pgdown"));
        try (Connection nc = Manual.nats();
             ManagerProcess manager = ManagerProcess.start(model.value(), servers.newDirectory("pgdown"), Map.of())) {
            JetStreamSubscription events = nc.jetStream().subscribe(Subjects.event(model),
                    PushSubscribeOptions.builder().ordered(true).configuration(
                            io.nats.client.api.ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.All).build()).build());
            IntentEnvelope create = Intents.createTable(model, "t", "id", "BIGINT");
            nc.jetStream().publish(Intents.message(create, true));
            await().atMost(Duration.ofSeconds(60)).until(() -> Control.store().intent(create.id()).map(r -> r.status().terminal()).orElse(false));

            Set<UUID> during = new HashSet<>();
            servers.postgres().stop();
            try {
                for (int i = 0; i < 50; i++) {
                    IntentEnvelope append = Intents.appendRow(model, "t", Json.MAPPER.createObjectNode().put("id", i));
                    during.add(append.id());
                    nc.jetStream().publish(Intents.message(append, true));
                }
                // applied while Postgres is away: the manager says so on the events stream
                Set<UUID> succeeded = new HashSet<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!succeeded.containsAll(during) && System.nanoTime() < deadline) {
                    Message m = events.nextMessage(Duration.ofSeconds(1));
                    if (m != null) {
                        EventEnvelope event = Json.read(m.getData(), EventEnvelope.class);
                        if (event.type() == EventType.INTENT_SUCCEEDED) {
                            succeeded.add(event.intentId());
                        }
                    }
                }
                assertThat(succeeded).containsAll(during);
                assertThat(manager.alive()).as(manager.logText()).isTrue();
            } finally {
                servers.postgres().start();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> Control.scalar(
                    "SELECT count(*) FROM intent WHERE model_id = ? AND status = 'succeeded'", model.value()) == 51);
            assertThat(Control.scalar("SELECT current_version FROM goal_model WHERE id = ?", model.value()))
                    .isEqualTo(Control.scalar("SELECT max(version) FROM intent WHERE model_id = ?", model.value()));
            assertThat(manager.alive()).isTrue();
            assertThat(manager.terminate(Duration.ofSeconds(30))).as(manager.logText()).isZero();
        }
    }
}
