package io.teatree.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.impl.NatsMessage;
import io.teatree.manager.support.Control;
import io.teatree.manager.support.Intents;
import io.teatree.manager.support.ManagerProcess;
import io.teatree.manager.support.Manual;
import io.teatree.manager.support.ModelFile;
import io.teatree.manager.support.S3;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.Json;
import io.teatree.protocol.Manifest;
import io.teatree.protocol.ModelId;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

@WithTeatreeServers
class SnapshotIT {

    private static final String CHECKSUM = "SELECT count(*), coalesce(sum(hash(id, site, amount)), 0) FROM ";

    @Test
    void publishedVersionEqualsTheModelAtItsVersionAndParquetHasTheSameRows(TeatreeServers servers) throws Exception {
        ModelId model = ModelId.of(Manual.newModel("snap"));
        Path dataDir = servers.newDirectory("snap");
        try (io.nats.client.Connection nc = Manual.nats()) {
            List<NatsMessage> messages = new ArrayList<>();
            messages.add(Intents.message(Intents.createTable(model, "sales", "id", "BIGINT", "site", "VARCHAR", "amount", "DOUBLE"), true));
            messages.add(Intents.message(Intents.createTable(model, "empty_one", "id", "BIGINT"), true));
            for (int i = 0; i < 2_000; i++) {
                messages.add(Intents.message(Intents.appendRow(model, "sales",
                        Json.MAPPER.createObjectNode().put("id", i).put("site", "s" + i % 5).put("amount", i / 4.0)), true));
            }
            messages.add(Intents.message(Intents.of(model, "snapshot", Json.MAPPER.createObjectNode()), true));
            Intents.publishAll(nc.jetStream(), messages);
            try (ManagerProcess manager = ManagerProcess.start(model.value(), dataDir, Map.of("teatree.manager.idle-timeout", "PT3S"))) {
                assertThat(manager.waitFor(Duration.ofMinutes(3))).as(manager.logText()).isZero();
            }
        }
        long version = ModelFile.scalar(dataDir, model.value(), "SELECT value FROM _teatree.meta WHERE key = 'version'");
        assertThat(Control.scalar("SELECT snapshot_version FROM goal_model WHERE id = ?", model.value())).isEqualTo(version);

        S3Client s3 = S3.client();
        Manifest manifest = Json.read(s3.getObjectAsBytes(b -> b.bucket(TeatreeServers.BUCKET)
                .key("models/" + model.value() + "/v" + version + "/manifest.json")).asByteArray(), Manifest.class);
        assertThat(manifest.version()).isEqualTo(version);
        assertThat(manifest.storageVersion()).isEqualTo("v1.0.0+"); // the default: DuckDB 1.0 and later open it
        Path download = servers.newDirectory("download").resolve("model.duckdb");
        S3.download(s3, manifest.duckdb().uri(), download);
        assertThat(sha256(download)).isEqualTo(manifest.duckdb().sha256());
        assertThat(Files.size(download)).isEqualTo(manifest.duckdb().bytes());

        List<Long> rwState = rows(dataDir.resolve(model.value()).resolve("model.duckdb"), CHECKSUM + "sales");
        assertThat(rwState.get(0)).isEqualTo(2_000);
        assertThat(rows(download, CHECKSUM + "sales")).isEqualTo(rwState);
        assertThat(rows(download, "SELECT value FROM _teatree.meta WHERE key = 'version'")).containsExactly(version);

        assertThat(manifest.tables()).extracting(Manifest.Table::name).containsExactly("empty_one", "sales");
        Manifest.Table sales = manifest.tables().get(1);
        assertThat(sales.rows()).isEqualTo(2_000);
        assertThat(sales.columns()).extracting(Manifest.Column::name).containsExactly("id", "site", "amount");
        Path parquet = download.resolveSibling("sales.parquet");
        S3.download(s3, sales.parquet().uri(), parquet);
        assertThat(sha256(parquet)).isEqualTo(sales.parquet().sha256());
        assertThat(rows(download, CHECKSUM + "read_parquet('" + parquet + "')")).isEqualTo(rwState);
        assertThat(Control.scalar("SELECT row_count FROM content_index WHERE model_id = ? AND version = ? AND table_name = 'sales'",
                model.value(), version)).isEqualTo(2_000);
    }

    @Test
    void withS3AwayWritesGoOnNoHalfVersionIsListedAndVersionsCatchUp(TeatreeServers servers) throws Exception {
        ModelId model = ModelId.of(Manual.newModel("s3down"));
        Path dataDir = servers.newDirectory("s3down");
        S3Client s3 = S3.client();
        try (io.nats.client.Connection nc = Manual.nats();
             ManagerProcess manager = ManagerProcess.start(model.value(), dataDir, Map.of("teatree.manager.snapshot.min-interval", "PT0.5S"))) {
            IntentEnvelope create = Intents.createTable(model, "t", "id", "BIGINT");
            nc.jetStream().publish(Intents.message(create, true));
            manager.await(Duration.ofSeconds(60), () -> Control.scalar(
                    "SELECT coalesce(max(snapshot_version), 0) FROM goal_model WHERE id = ?", model.value()) >= 1);
            long before = Control.scalar("SELECT current_version FROM goal_model WHERE id = ?", model.value());

            servers.s3().stop();
            try {
                for (int i = 0; i < 30; i++) {
                    nc.jetStream().publish(Intents.message(Intents.appendRow(model, "t", Json.MAPPER.createObjectNode().put("id", i)), true));
                    nc.jetStream().publish(Intents.message(Intents.of(model, "snapshot", Json.MAPPER.createObjectNode()), true));
                }
                manager.await(Duration.ofSeconds(60), () -> Control.scalar(
                        "SELECT count(*) FROM intent WHERE model_id = ? AND status = 'succeeded'", model.value()) == 61);
                assertThat(Control.scalar("SELECT current_version FROM goal_model WHERE id = ?", model.value())).isGreaterThan(before);
                assertThat(Control.scalar("SELECT max(version) FROM model_version WHERE model_id = ?", model.value())).isEqualTo(before);
                assertThat(manager.alive()).isTrue();
            } finally {
                servers.s3().start();
            }
            long after = Control.scalar("SELECT current_version FROM goal_model WHERE id = ?", model.value());
            manager.await(Duration.ofSeconds(90), () -> Control.scalar(
                    "SELECT coalesce(max(snapshot_version), 0) FROM goal_model WHERE id = ?", model.value()) == after);
            for (long v : Control.versions(model.value())) {
                assertThat(S3.exists(s3, "models/" + model.value() + "/v" + v + "/manifest.json")).as("manifest of v" + v).isTrue();
            }
            assertThat(manager.terminate(Duration.ofSeconds(60))).as(manager.logText()).isZero();
        }
    }

    private static List<Long> rows(Path file, String sql) throws Exception {
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), props);
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            List<Long> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getLong(i));
            }
            return values;
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
