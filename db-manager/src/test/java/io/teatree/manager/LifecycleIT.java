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
    void idleManagerPublishesItsLastVersionReleasesItsLeaseAndExitsZero(TeatreeServers servers) throws Exception {
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
            assertThat(types).containsExactly(EventType.MANAGER_STARTED, EventType.INTENT_SUCCEEDED, EventType.SNAPSHOT_READY,
                    EventType.MANAGER_STOPPED);
        }
    }

    private static int status(java.net.URI uri) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void sigtermFinishesTheBatchReportsReadinessHonestlyAndExitsZero(TeatreeServers servers) throws Exception {
        ModelId model = ModelId.of(Manual.newModel("term"));
        try (Connection nc = Manual.nats();
             ManagerProcess manager = ManagerProcess.start(model.value(), servers.newDirectory("term"), Map.of())) {
            IntentEnvelope create = Intents.createTable(model, "t", "id", "BIGINT");
            nc.jetStream().publish(Intents.message(create, true));
            await().atMost(Duration.ofSeconds(60)).until(() -> Control.store().intent(create.id()).map(r -> r.status().terminal()).orElse(false));

            // readiness is honest: DOWN while NATS is away, UP again when it is back
            java.util.regex.Matcher port = java.util.regex.Pattern.compile("Listening on: http://127.0.0.1:(\\d+)").matcher(manager.logText());
            assertThat(port.find()).isTrue();
            java.net.URI ready = java.net.URI.create("http://127.0.0.1:" + port.group(1) + "/q/health/ready");
            await().atMost(Duration.ofSeconds(30)).until(() -> status(ready) == 200);
            servers.nats().stop();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> status(ready) == 503);
            } finally {
                servers.nats().start();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> status(ready) == 200);
            assertThat(manager.terminate(Duration.ofSeconds(30))).as(manager.logText()).isZero();
            assertThat(Control.scalar("SELECT count(*) FROM goal_model WHERE id = ? AND owner_id IS NULL", model.value())).isEqualTo(1);
        }
    }
}
