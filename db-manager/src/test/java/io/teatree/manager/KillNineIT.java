package io.teatree.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.impl.NatsMessage;
import io.teatree.manager.support.Control;
import io.teatree.manager.support.Intents;
import io.teatree.manager.support.Manual;
import io.teatree.manager.support.ManagerProcess;
import io.teatree.manager.support.ModelFile;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

@WithTeatreeServers
class KillNineIT {

    private static final int INTENTS = 20_000;

    @Test
    void managerKilledWithSigkillAtRandomMomentsAppliesEveryIntentExactlyOnce(TeatreeServers servers) throws Exception {
        ModelId model = ModelId.of(Manual.newModel("kill"));
        Path dataDir = servers.newDirectory("kill");
        Random random = new Random(Long.getLong("teatree.seed", System.nanoTime()));
        int kills = 0;
        try (Connection nc = Manual.nats()) {
            List<NatsMessage> messages = new ArrayList<>();
            messages.add(Intents.message(Intents.createTable(model, "events", "id", "BIGINT", "payload", "VARCHAR"), true));
            for (int i = 0; i < INTENTS; i++) {
                messages.add(Intents.message(Intents.appendRow(model, "events",
                        Json.MAPPER.createObjectNode().put("id", i).put("payload", "p" + i)), true));
            }
            Intents.publishAll(nc.jetStream(), messages);

            // small batches so that many commits happen while the process is being killed
            Map<String, String> config = Map.of("teatree.manager.batch-size", "200", "teatree.manager.idle-timeout", "PT3S");
            while (kills < 4) {
                ManagerProcess manager = ManagerProcess.start(model.value(), dataDir, config);
                long before = currentVersion(model);
                await().atMost(Duration.ofMinutes(2)).until(() -> currentVersion(model) > before || !manager.alive());
                long extra = 50 + random.nextInt(1_500);
                await().pollDelay(Duration.ofMillis(extra)).atMost(Duration.ofMillis(extra + 1_000)).until(() -> true);
                manager.kill9();
                kills++;
            }
            try (ManagerProcess last = ManagerProcess.start(model.value(), dataDir, config)) {
                assertThat(last.waitFor(Duration.ofMinutes(4))).as(last.logText()).isZero();
            }
        }
        assertThat(kills).isEqualTo(4);
        assertThat(ModelFile.scalar(dataDir, model.value(), "SELECT count(*) FROM events")).isEqualTo(INTENTS);
        assertThat(ModelFile.scalar(dataDir, model.value(), "SELECT count(DISTINCT id) FROM events")).isEqualTo(INTENTS);
        assertThat(ModelFile.scalar(dataDir, model.value(), "SELECT count(*) FROM _teatree.applied")).isEqualTo(INTENTS + 1);
        List<Long> versions = ModelFile.longs(dataDir, model.value(), "SELECT DISTINCT version FROM _teatree.applied ORDER BY version");
        long last = ModelFile.scalar(dataDir, model.value(), "SELECT value FROM _teatree.meta WHERE key = 'version'");
        assertThat(versions).containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> currentVersion(model) == last);
        assertThat(Control.scalar("SELECT count(*) FROM intent WHERE model_id = ? AND status = 'succeeded'", model.value()))
                .isEqualTo(INTENTS + 1);
    }

    private static long currentVersion(ModelId model) throws Exception {
        return Control.scalar("SELECT coalesce(max(current_version), 0) FROM goal_model WHERE id = ?", model.value());
    }
}
