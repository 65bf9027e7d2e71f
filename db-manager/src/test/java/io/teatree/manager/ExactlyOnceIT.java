package io.teatree.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.impl.NatsMessage;
import io.teatree.manager.support.Control;
import io.teatree.manager.support.Intents;
import io.teatree.manager.support.ManagerProcess;
import io.teatree.manager.support.ModelFile;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Streams;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

@WithTeatreeServers
class ExactlyOnceIT {

    @Test
    void tenThousandAppendsWithAThousandDuplicatesGiveExactlyTenThousandRowsAndGapFreeVersions(TeatreeServers servers) throws Exception {
        ModelId model = ModelId.of("once-" + System.nanoTime() % 100_000);
        Path dataDir = servers.newDirectory("once");
        try (Connection nc = Nats.connect(servers.nats().url())) {
            Streams.provision(nc, Duration.ofDays(1));
            List<NatsMessage> messages = new ArrayList<>();
            messages.add(Intents.message(Intents.createTable(model, "sales", "id", "BIGINT", "site", "VARCHAR", "amount", "DOUBLE"), true));
            List<IntentEnvelope> appends = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                IntentEnvelope append = Intents.appendRow(model, "sales",
                        Json.MAPPER.createObjectNode().put("id", i).put("site", "s" + (i % 7)).put("amount", i * 0.5));
                appends.add(append);
                messages.add(Intents.message(append, true));
                if (i % 10 == 0) {
                    // published twice: half under the same Nats-Msg-Id (JetStream drops it), half without one
                    // (JetStream stores both and the ledger must drop the second)
                    messages.add(Intents.message(append, i % 20 == 0));
                }
            }
            Intents.publishAll(nc.jetStream(), messages);

            try (ManagerProcess manager = ManagerProcess.start(model.value(), dataDir, Map.of("teatree.manager.idle-timeout", "PT3S"))) {
                manager.await(Duration.ofMinutes(4), () -> Control.scalar(
                        "SELECT count(*) FROM intent WHERE model_id = ? AND status = 'succeeded'", model.value()) == 10_001);
                assertThat(manager.waitFor(Duration.ofMinutes(1))).as(manager.logText()).isZero();
            }
        }

        assertThat(ModelFile.scalar(dataDir, model.value(), "SELECT count(*) FROM sales")).isEqualTo(10_000);
        assertThat(ModelFile.scalar(dataDir, model.value(), "SELECT count(DISTINCT id) FROM sales")).isEqualTo(10_000);
        assertThat(ModelFile.scalar(dataDir, model.value(), "SELECT count(*) FROM _teatree.applied")).isEqualTo(10_001);
        List<Long> versions = ModelFile.longs(dataDir, model.value(), "SELECT DISTINCT version FROM _teatree.applied ORDER BY version");
        long last = ModelFile.scalar(dataDir, model.value(), "SELECT value FROM _teatree.meta WHERE key = 'version'");
        assertThat(versions).containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
        assertThat(Control.scalar("SELECT current_version FROM goal_model WHERE id = ?", model.value())).isEqualTo(last);
        assertThat(Control.scalar("SELECT count(*) FROM intent WHERE model_id = ? AND status <> 'succeeded'", model.value())).isZero();
    }
}
