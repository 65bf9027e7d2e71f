package io.teatree.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.teatree.manager.support.Control;
import io.teatree.manager.support.Intents;
import io.teatree.manager.support.Manual;
import io.teatree.manager.support.ManagerProcess;
import io.teatree.protocol.EventEnvelope;
import io.teatree.protocol.EventType;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import io.teatree.protocol.Json;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithTeatreeServers
class LifecycleIT {

    @Test
    void idleManagerReleasesItsLeaseAndExitsZeroAfterAnnouncingStartAndStop(TeatreeServers servers) throws Exception {
        ModelId model = ModelId.of(Manual.newModel("idle"));
        try (Connection nc = Manual.nats()) {
            JetStreamSubscription events = nc.jetStream().subscribe(Subjects.event(model), PushSubscribeOptions.builder().ordered(true).build());
            IntentEnvelope create = Intents.createTable(model, "t", "id", "BIGINT");
            nc.jetStream().publish(Intents.message(create, true));
            try (ManagerProcess manager = ManagerProcess.start(model.value(), servers.newDirectory("idle"), Map.of("teatree.manager.idle-timeout", "PT2S"))) {
                assertThat(manager.waitFor(Duration.ofSeconds(90))).as(manager.logText()).isZero();
            }
            assertThat(Control.scalar("SELECT count(*) FROM goal_model WHERE id = ? AND owner_id IS NULL", model.value())).isEqualTo(1);
            List<EventType> types = new ArrayList<>();
            Message m;
            while ((m = events.nextMessage(Duration.ofSeconds(2))) != null) {
                types.add(Json.read(m.getData(), EventEnvelope.class).type());
            }
            assertThat(types).containsExactly(EventType.MANAGER_STARTED, EventType.INTENT_SUCCEEDED, EventType.MANAGER_STOPPED);
        }
    }

    @Test
    void sigtermFinishesTheBatchAndExitsZero(TeatreeServers servers) throws Exception {
        ModelId model = ModelId.of(Manual.newModel("term"));
        try (Connection nc = Manual.nats();
             ManagerProcess manager = ManagerProcess.start(model.value(), servers.newDirectory("term"), Map.of())) {
            IntentEnvelope create = Intents.createTable(model, "t", "id", "BIGINT");
            nc.jetStream().publish(Intents.message(create, true));
            await().atMost(Duration.ofSeconds(60)).until(() -> Control.store().intent(create.id()).map(r -> r.status().terminal()).orElse(false));
            assertThat(manager.terminate(Duration.ofSeconds(30))).as(manager.logText()).isZero();
            assertThat(Control.scalar("SELECT count(*) FROM goal_model WHERE id = ? AND owner_id IS NULL", model.value())).isEqualTo(1);
        }
    }
}
