package io.teatree.manager.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teatree.functions.registry.FunctionRegistry;
import io.teatree.manager.store.Ledger;
import io.teatree.manager.store.LedgerEntry;
import io.teatree.manager.store.ModelDatabase;
import io.teatree.manager.store.ReservedState;
import io.teatree.manager.telemetry.BatchTrace;
import io.teatree.testkit.PluginJar;
import io.teatree.manager.telemetry.ManagerTracer;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The structural layer of the sandbox on its own: with a function that runs SQL unchecked (a stand-in for a hole
 * in the guard), no change to Teatree's bookkeeping is ever committed. The culprit fails with
 * {@code sandbox-violation}, the intents around it are applied, and the ledger, meta and catalog are as the
 * manager left them.
 */
class BatchIntegrityTest {

    private static final ModelId MODEL = ModelId.of("integrity");

    @TempDir
    Path dir;

    private ModelDatabase database;
    private BufferAllocator allocator;
    private BatchExecutor executor;

    @BeforeEach
    void open() throws Exception {
        database = ModelDatabase.open(dir, MODEL, Optional.empty(), Optional.of(1));
        allocator = new RootAllocator();
        executor = new BatchExecutor(MODEL, database, registryWithUncheckedSql(), allocator, 1, ManagerTracer.off(MODEL));
        executor.apply(List.of(intent("create_table", Json.MAPPER.createObjectNode().put("table", "t")
                .set("columns", Json.MAPPER.createObjectNode().put("id", "BIGINT")))), BatchTrace.OFF);
    }

    @AfterEach
    void close() throws Exception {
        database.close();
        allocator.close();
    }

    static Stream<String> tampering() {
        UUID forged = UUID.randomUUID();
        return Stream.of(
                "INSERT INTO _teatree.applied (intent_id, version, status, applied_at) VALUES ('" + forged + "', 1, 'succeeded', now()::TIMESTAMP)",
                "UPDATE _teatree.applied SET status = 'failed'",
                "UPDATE _teatree.applied SET result = '{\"rows\": 99}'",
                "DELETE FROM _teatree.applied",
                "UPDATE _teatree.meta SET value = 1000000 WHERE key = 'epoch'",
                "UPDATE _teatree.meta SET value = value + 1 WHERE key = 'version'",
                "INSERT INTO _teatree.meta VALUES ('extra', 1)",
                "CREATE TABLE _teatree.shadow (a INT)",
                "CREATE VIEW _teatree.v AS SELECT 1",
                "CREATE SEQUENCE _teatree.s",
                "CREATE INDEX forged ON _teatree.applied (status)",
                "ALTER TABLE _teatree.applied ADD COLUMN forged INT",
                "ALTER TABLE _teatree.meta RENAME TO meta2",
                "DROP TABLE _teatree.meta",
                "CREATE OR REPLACE TABLE _teatree.meta AS SELECT * FROM _teatree.meta");
    }

    @ParameterizedTest
    @MethodSource("tampering")
    void aChangeToTheBookkeepingFailsThatIntentAloneAndIsNeverCommitted(String sql) throws Exception {
        ReservedState.Fingerprint before = fingerprint();
        PendingIntent first = intent("append", rows(1));
        PendingIntent culprit = intent("unchecked_sql", Json.MAPPER.createObjectNode().put("sql", sql));
        PendingIntent last = intent("append", rows(2));

        BatchOutcome outcome = executor.apply(List.of(first, culprit, last), BatchTrace.OFF);

        assertThat(outcome.committed()).isTrue();
        Map<UUID, LedgerEntry> entries = new Ledger(database.connection()).find(List.of(first.id(), culprit.id(), last.id()));
        database.rollback();
        assertThat(entries.get(first.id()).status()).isEqualTo(IntentStatus.SUCCEEDED);
        assertThat(entries.get(last.id()).status()).isEqualTo(IntentStatus.SUCCEEDED);
        assertThat(entries.get(culprit.id()).status()).isEqualTo(IntentStatus.FAILED);
        assertThat(entries.get(culprit.id()).error().path("type").asText()).endsWith("sandbox-violation");
        assertThat(scalar("SELECT count(*) FROM t")).isEqualTo(2);
        assertThat(scalar("SELECT count(*) FROM _teatree.applied")).as("only the manager's rows").isEqualTo(4);
        ReservedState.Fingerprint after = fingerprint();
        assertThat(after.catalog()).isEqualTo(before.catalog());
        assertThat(after.meta()).isEqualTo("epoch=1,version=2");
        assertThat(database.epoch()).isEqualTo(1);
    }

    @Test
    void harmlessSqlInTheSameBatchIsApplied() throws Exception {
        PendingIntent harmless = intent("unchecked_sql", Json.MAPPER.createObjectNode().put("sql", "INSERT INTO t VALUES (7)"));
        PendingIntent append = intent("append", rows(8));

        BatchOutcome outcome = executor.apply(List.of(harmless, append), BatchTrace.OFF);

        assertThat(outcome.applied()).extracting(LedgerEntry::status).containsOnly(IntentStatus.SUCCEEDED);
        assertThat(scalar("SELECT sum(id) FROM t")).isEqualTo(15);
    }

    @Test
    void aTransactionEndedByUserCodeStopsTheWriterWithoutCommittingTheLedger() throws Exception {
        PendingIntent append = intent("append", rows(1));
        PendingIntent commit = intent("unchecked_sql", Json.MAPPER.createObjectNode().put("sql", "COMMIT"));

        assertThatThrownBy(() -> executor.apply(List.of(append, commit), BatchTrace.OFF))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("transaction");
        // the user's COMMIT also left DuckDB in auto-commit: the writer must stop, which the exception makes it do
        try (Statement s = database.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM _teatree.applied), (SELECT value FROM _teatree.meta WHERE key = 'version')")) {
            rs.next();
            assertThat(rs.getLong(1)).as("no ledger row of this batch").isEqualTo(1);
            assertThat(rs.getLong(2)).as("no version stamped").isEqualTo(1);
        }
    }

    @Test
    void aMacroShadowingABuiltinCannotChangeWhatTheLedgerReads() throws Exception {
        PendingIntent shadow = intent("unchecked_sql", Json.MAPPER.createObjectNode()
                .put("sql", "CREATE MACRO from_json(j, s) AS ['00000000-0000-0000-0000-000000000000']"));
        executor.apply(List.of(shadow), BatchTrace.OFF);
        PendingIntent next = intent("unchecked_sql", Json.MAPPER.createObjectNode().put("sql", "INSERT INTO t VALUES (3)"));

        BatchOutcome outcome = executor.apply(List.of(next), BatchTrace.OFF);

        assertThat(outcome.applied()).singleElement().extracting(LedgerEntry::status).isEqualTo(IntentStatus.SUCCEEDED);
        assertThat(new Ledger(database.connection()).find(List.of(next.id()))).containsKey(next.id());
        database.rollback();
    }

    private ReservedState.Fingerprint fingerprint() throws Exception {
        ReservedState.Fingerprint fp = ReservedState.read(database.connection());
        database.rollback();
        return fp;
    }

    private long scalar(String sql) throws Exception {
        try (Statement s = database.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } finally {
            database.rollback();
        }
    }

    private static ObjectNode rows(long id) {
        ObjectNode args = Json.MAPPER.createObjectNode().put("table", "t");
        args.putArray("rows").addObject().put("id", id);
        return args;
    }

    private static PendingIntent intent(String function, ObjectNode args) {
        IntentEnvelope envelope = new IntentEnvelope(UUID.randomUUID(), MODEL, function, args, null, Instant.now(), "test");
        return new PendingIntent(envelope.id(), envelope, null, null);
    }

    /** The built-ins plus {@link UncheckedSqlFunction}, registered the way a functions directory would be. */
    private FunctionRegistry registryWithUncheckedSql() throws Exception {
        Path jar = PluginJar.in(dir.resolve("functions"), UncheckedSqlFunction.class).resolve("test-functions.jar");
        return FunctionRegistry.load(new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader()));
    }
}
