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
import io.teatree.protocol.control.IntentRow;
import io.teatree.protocol.control.ModelRow;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.time.Duration;
import java.time.Instant;
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
            List<EventEnvelope> received = new ArrayList<>();
            Message m;
            while ((m = events.nextMessage(Duration.ofSeconds(2))) != null) {
                received.add(Json.read(m.getData(), EventEnvelope.class));
            }
            assertThat(received).extracting(EventEnvelope::type).containsExactly(EventType.MANAGER_STARTED, EventType.INTENT_RUNNING,
                    EventType.INTENT_SUCCEEDED, EventType.SNAPSHOT_READY, EventType.MANAGER_STOPPED);

            // intent.running tells when the batch began; the intent's startedAt is that time, before it finished
            EventEnvelope running = received.get(1);
            assertThat(running.intentId()).isEqualTo(create.id());
            assertThat(running.status()).isEqualTo("running");
            IntentRow row = Control.store().intent(create.id()).orElseThrow();
            assertThat(Duration.between(running.at(), row.startedAt()).abs()).as("Postgres keeps microseconds").isLessThan(Duration.ofMillis(1));
            assertThat(row.startedAt()).isBefore(row.finishedAt());
            assertThat(received.get(2).at()).isAfter(running.at());
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

            // manager.since is when the manager's process started, and the lease renewals (every 2/3 s) leave it alone
            ModelRow first = Control.store().model(model).orElseThrow();
            Instant processStart = ProcessHandle.of(manager.pid()).flatMap(p -> p.info().startInstant()).orElseThrow();
            IntentRow applied = Control.store().intent(create.id()).orElseThrow();
            assertThat(first.ownerSince()).as("the JVM's start, not when the lease was taken or renewed").isNotNull()
                    .isBetween(processStart.minusSeconds(1), processStart.plusSeconds(10)).isBefore(applied.startedAt());
            await().atMost(Duration.ofSeconds(30)).until(() -> Control.store().model(model).orElseThrow().updatedAt().isAfter(first.updatedAt()));
            ModelRow renewed = Control.store().model(model).orElseThrow();
            assertThat(renewed.ownerSince()).isEqualTo(first.ownerSince());
            assertThat(renewed.ownerId()).isEqualTo(first.ownerId());

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
