package io.teatree.manager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.impl.NatsMessage;
import io.teatree.manager.support.Control;
import io.teatree.manager.support.Intents;
import io.teatree.manager.support.ManagerProcess;
import io.teatree.manager.support.Manual;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.IntentRow;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithTeatreeServers
class HostileSqlIT {

    @Test
    void hostileStatementsFailWithAReasonAndTouchNoFileOutsideTheModel(TeatreeServers servers) throws Exception {
        ModelId model = ModelId.of(Manual.newModel("hostile"));
        Path dataDir = servers.newDirectory("hostile");
        Path outside = servers.newDirectory("outside");
        Path secret = Files.writeString(outside.resolve("secret.csv"), "a,b\n1,2\n");
        Path written = outside.resolve("written.csv");
        List<String> corpus = List.of(
                "CREATE TABLE leak AS SELECT * FROM read_csv('" + secret + "')",
                "CREATE TABLE leak AS SELECT * FROM read_csv('/etc/passwd')",
                "CREATE TABLE leak AS SELECT * FROM '" + secret + "'",
                "CREATE TABLE leak AS SELECT * FROM glob('" + outside + "/*')",
                "CREATE TABLE leak AS SELECT * FROM read_text('" + secret + "')",
                "COPY t TO '" + written + "'",
                "COPY (SELECT 1) TO '" + written + "' (FORMAT csv)",
                "EXPORT DATABASE '" + outside.resolve("export") + "'",
                "ATTACH '" + outside.resolve("other.duckdb") + "' AS other",
                "INSTALL httpfs",
                "LOAD httpfs",
                "SET enable_external_access = true",
                "PRAGMA enable_profiling",
                "CALL pragma_version()",
                "DROP TABLE _teatree.applied",
                "CREATE TABLE x (a INT); COPY x TO '" + written + "'");
        Map<IntentEnvelope, String> intents = new LinkedHashMap<>();
        try (Connection nc = Manual.nats()) {
            List<NatsMessage> messages = new ArrayList<>();
            IntentEnvelope create = Intents.createTable(model, "t", "id", "BIGINT");
            messages.add(Intents.message(create, true));
            for (String statement : corpus) {
                ObjectNode args = Json.MAPPER.createObjectNode();
                args.putArray("statements").add(statement);
                IntentEnvelope intent = Intents.of(model, "sql", args);
                intents.put(intent, statement);
                messages.add(Intents.message(intent, true));
            }
            Intents.publishAll(nc.jetStream(), messages);
            try (ManagerProcess manager = ManagerProcess.start(model.value(), dataDir, Map.of("teatree.manager.idle-timeout", "PT3S"))) {
                manager.await(Duration.ofMinutes(2), () -> Control.scalar(
                        "SELECT count(*) FROM intent WHERE model_id = ? AND status IN ('succeeded', 'failed')", model.value()) == corpus.size() + 1);
                assertThat(manager.waitFor(Duration.ofMinutes(1))).as(manager.logText()).isZero();
            }
        }
        for (Map.Entry<IntentEnvelope, String> e : intents.entrySet()) {
            IntentRow row = Control.store().intent(e.getKey().id()).orElseThrow();
            assertThat(row.status()).as(e.getValue()).isEqualTo(IntentStatus.FAILED);
            assertThat(row.error().path("detail").asText()).as(e.getValue()).isNotBlank();
        }
        assertThat(Control.store().intent(intents.keySet().iterator().next().id()).orElseThrow().error().path("field").asText())
                .startsWith("statements");
        try (var files = Files.list(outside)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("secret.csv");
        }
        assertThat(io.teatree.manager.support.ModelFile.scalar(dataDir, model.value(), "SELECT count(*) FROM _teatree.applied"))
                .isEqualTo(corpus.size() + 1);
    }
}
