package io.teatree.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.IntentOutcome;
import io.teatree.protocol.control.IntentRow;
import io.teatree.protocol.control.LeaseStore;
import io.teatree.protocol.control.ModelRow;
import io.teatree.testkit.PostgresServer;
import io.teatree.testkit.WithTeatreeServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

@WithTeatreeServers
class ControlStoreIT {

    private static PGSimpleDataSource dataSource;
    private static ControlStore store;
    private static LeaseStore leases;

    @BeforeAll
    static void migrate(PostgresServer postgres) {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        dataSource.setUser(postgres.user());
        dataSource.setPassword(postgres.password());
        Migrations.apply(dataSource);
        store = new ControlStore(dataSource);
        leases = new LeaseStore(dataSource);
    }

    @Test
    void migrationsCreateTheControlTablesInTheAppRolesSchemaAndAreIdempotent() throws Exception {
        assertThat(Migrations.apply(dataSource)).isZero();
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'teatree' ORDER BY table_name")) {
            List<String> tables = new java.util.ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            assertThat(tables).contains("goal_model", "intent", "model_version", "content_index", "api_key");
        }
    }

    @Test
    void modelAndIntentRoundTrip() throws Exception {
        ModelId model = ModelId.of("cs-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(store.createModel(model, "medium")).isTrue();
        assertThat(store.createModel(model, "large")).isFalse();
        ModelRow row = store.model(model).orElseThrow();
        assertThat(row.podClass()).isEqualTo("medium");
        assertThat(row.currentVersion()).isZero();

        Instant submitted = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID ok = IntentIds.newId();
        UUID bad = IntentIds.newId();
        assertThat(store.recordQueued(IntentRow.queued(ok, model, "append", submitted, "key-1", "h1"))).isTrue();
        assertThat(store.recordQueued(IntentRow.queued(ok, model, "append", submitted, "key-1", "h1"))).isFalse();
        assertThat(store.intent(ok).orElseThrow().status()).isEqualTo(IntentStatus.QUEUED);
        assertThat(store.intent(ok).orElseThrow().requestHash()).isEqualTo("h1");

        Problem problem = Problem.of(ProblemType.FUNCTION_ERROR, "no table t", "table");
        store.recordOutcomes(model, List.of(
                new IntentOutcome(ok, "append", IntentStatus.SUCCEEDED, 3, Json.MAPPER.createObjectNode().put("rows", 2), null, submitted, Instant.now(), "key-1"),
                new IntentOutcome(bad, "append", IntentStatus.FAILED, 3, null, problem.toJson(), submitted, Instant.now(), "key-1")), 3);

        IntentRow applied = store.intent(ok).orElseThrow();
        assertThat(applied.status()).isEqualTo(IntentStatus.SUCCEEDED);
        assertThat(applied.version()).isEqualTo(3);
        assertThat(applied.result().path("rows").asInt()).isEqualTo(2);
        IntentRow failed = store.intent(bad).orElseThrow();
        assertThat(failed.status()).isEqualTo(IntentStatus.FAILED);
        assertThat(failed.error().path("field").asText()).isEqualTo("table");
        assertThat(store.model(model).orElseThrow().currentVersion()).isEqualTo(3);

        // a late 'queued' insert never overwrites a terminal status, and versions never go back
        assertThat(store.recordQueued(IntentRow.queued(ok, model, "append", submitted, "key-1", "h1"))).isFalse();
        store.recordOutcomes(model, List.of(), 2);
        assertThat(store.model(model).orElseThrow().currentVersion()).isEqualTo(3);
        assertThat(store.countIntents(model, IntentStatus.SUCCEEDED)).isEqualTo(1);
    }

    @Test
    void aGroupOfQueuedRowsIsWrittenAtOnceWithTheSingleRowRules() {
        ModelId model = ModelId.of("cs-" + UUID.randomUUID().toString().substring(0, 8));
        store.createModel(model, "small");
        Instant submitted = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID applied = IntentIds.newId();
        UUID unhashed = IntentIds.newId();
        store.recordOutcomes(model, List.of(new IntentOutcome(applied, "append", IntentStatus.SUCCEEDED, 1, null, null, submitted,
                Instant.now(), "key-1")), 1);
        store.recordQueued(IntentRow.queued(unhashed, model, "append", submitted, "key-1", null));
        List<UUID> fresh = java.util.stream.Stream.generate(IntentIds::newId).limit(50).toList();
        List<IntentRow> group = new java.util.ArrayList<>();
        fresh.forEach(id -> group.add(IntentRow.queued(id, model, "append", submitted, "key-1", "h-" + id)));
        group.add(IntentRow.queued(applied, model, "append", submitted, "key-1", "h-applied"));
        group.add(IntentRow.queued(unhashed, model, "append", submitted, "key-1", "h-late"));

        store.recordQueued(group);

        assertThat(store.countIntents(model, IntentStatus.QUEUED)).as("the fresh rows and the one already queued").isEqualTo(51);
        fresh.forEach(id -> assertThat(store.intent(id).orElseThrow().requestHash()).isEqualTo("h-" + id));
        assertThat(store.intent(applied).orElseThrow().status()).as("a terminal status stays").isEqualTo(IntentStatus.SUCCEEDED);
        assertThat(store.intent(unhashed).orElseThrow().requestHash()).as("a missing hash is filled in").isEqualTo("h-late");
    }

    @Test
    void leaseIsExclusiveAndEpochRisesOnTakeOver() throws Exception {
        ModelId model = ModelId.of("lease-" + UUID.randomUUID().toString().substring(0, 8));
        OptionalLong first = leases.acquire(model, "owner-a", Duration.ofSeconds(30));
        assertThat(first).isPresent();
        assertThat(leases.acquire(model, "owner-b", Duration.ofSeconds(30))).isEmpty();
        assertThat(leases.renew(model, "owner-a", first.getAsLong(), Duration.ofSeconds(30))).isTrue();
        assertThat(leases.renew(model, "owner-b", first.getAsLong(), Duration.ofSeconds(30))).isFalse();

        leases.release(model, "owner-a", first.getAsLong());
        OptionalLong second = leases.acquire(model, "owner-b", Duration.ofMillis(200));
        assertThat(second).isPresent();
        assertThat(second.getAsLong()).isGreaterThan(first.getAsLong());
        assertThat(leases.renew(model, "owner-a", first.getAsLong(), Duration.ofSeconds(30))).isFalse();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> leases.acquire(model, "owner-c", Duration.ofSeconds(30)).isPresent());
        assertThat(leases.renew(model, "owner-b", second.getAsLong(), Duration.ofSeconds(30))).isFalse();
        assertThat(store.model(model).orElseThrow().ownerId()).isEqualTo("owner-c");
    }
}
