package io.teatree.protocol.control;

import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.ModelStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code goal_model} and {@code intent} control tables (docs/design.md, control tables). Stateless and
 * thread-safe; every call borrows one connection from the data source and fails with
 * {@link ControlStoreUnavailableException}.
 */
public class ControlStore {

    private static final String MODEL_COLUMNS = "id, pod_class, status, current_version, snapshot_version, owner_id, owner_epoch, lease_until, created_at, updated_at, owner_since";
    private static final String INTENT_COLUMNS = "id, model_id, function, status, submitted_at, started_at, finished_at, version, error, result, requester, request_hash";

    private final DataSource dataSource;

    public ControlStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Registers a model; false when it already exists. */
    public boolean createModel(ModelId id, String podClass) {
        return Jdbc.update(dataSource, "register model " + id, "INSERT INTO goal_model (id, pod_class) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
                ps -> {
                    ps.setString(1, id.value());
                    ps.setString(2, podClass);
                }) == 1;
    }

    public Optional<ModelRow> model(ModelId id) {
        return Jdbc.first(dataSource, "read model " + id, "SELECT " + MODEL_COLUMNS + " FROM goal_model WHERE id = ?",
                ps -> ps.setString(1, id.value()), ControlStore::modelRow);
    }

    /** Models in id order, at most {@code limit}, after {@code afterId} (null for the first page). */
    public List<ModelRow> models(String afterId, int limit) {
        return Jdbc.list(dataSource, "list models", "SELECT " + MODEL_COLUMNS + " FROM goal_model WHERE id > ? ORDER BY id LIMIT ?", ps -> {
            ps.setString(1, afterId == null ? "" : afterId);
            ps.setInt(2, limit);
        }, ControlStore::modelRow);
    }

    /** Which of {@code models} are registered. */
    public Set<ModelId> registered(Collection<ModelId> models) {
        return Set.copyOf(Jdbc.call(dataSource, "read registered models", c -> Jdbc.list(c, "SELECT id FROM goal_model WHERE id = ANY (?)",
                ps -> ps.setArray(1, c.createArrayOf("text", models.stream().map(ModelId::value).toArray())),
                rs -> ModelId.of(rs.getString(1)))));
    }

    public void setModelStatus(ModelId id, ModelStatus status) {
        Jdbc.update(dataSource, "set the status of " + id, "UPDATE goal_model SET status = ?, updated_at = now() WHERE id = ?", ps -> {
            ps.setString(1, status.wireName());
            ps.setString(2, id.value());
        });
    }

    /**
     * Records an accepted intent as {@code queued} unless a row for its id exists (a later status is never
     * overwritten); an existing row without a request hash gets this one. True when the row is new.
     */
    public boolean recordQueued(IntentRow row) {
        return Jdbc.call(dataSource, "record intent " + row.id(), c -> {
            int inserted = Jdbc.update(c, "INSERT INTO intent (id, model_id, function, status, submitted_at, requester, request_hash)"
                    + " VALUES (?, ?, ?, 'queued', ?, ?, ?) ON CONFLICT (id) DO NOTHING", ps -> {
                        ps.setObject(1, row.id());
                        ps.setString(2, row.model().value());
                        ps.setString(3, row.function());
                        ps.setTimestamp(4, Sql.timestamp(row.submittedAt()));
                        ps.setString(5, row.requester());
                        ps.setString(6, row.requestHash());
                    });
            if (inserted == 0 && row.requestHash() != null) {
                Jdbc.update(c, "UPDATE intent SET request_hash = ? WHERE id = ? AND request_hash IS NULL", ps -> {
                    ps.setString(1, row.requestHash());
                    ps.setObject(2, row.id());
                });
            }
            return inserted == 1;
        });
    }

    /**
     * {@link #recordQueued(IntentRow)} for many intents in one transaction, one round trip per statement kind
     * (JDBC batches) and one commit that does not wait for the WAL flush ({@code synchronous_commit = off}): the
     * client API's group commit. Rows are written in id order, so two API instances committing overlapping
     * batches cannot deadlock.
     */
    public void recordQueued(List<IntentRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<IntentRow> sorted = rows.stream().sorted(Comparator.comparing(IntentRow::id)).toList();
        Jdbc.inTransaction(dataSource, "record " + rows.size() + " queued intents", c -> {
            // visible to every session at once, durable a moment later: a queued row lost in a Postgres crash is
            // written again by the db-manager when it applies the intent, which JetStream already holds
            try (var statement = c.createStatement()) {
                statement.execute("SET LOCAL synchronous_commit TO OFF");
            }
            int[] inserted;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO intent (id, model_id, function, status, submitted_at, requester,"
                    + " request_hash) VALUES (?, ?, ?, 'queued', ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                for (IntentRow row : sorted) {
                    ps.setObject(1, row.id());
                    ps.setString(2, row.model().value());
                    ps.setString(3, row.function());
                    ps.setTimestamp(4, Sql.timestamp(row.submittedAt()));
                    ps.setString(5, row.requester());
                    ps.setString(6, row.requestHash());
                    ps.addBatch();
                }
                inserted = ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE intent SET request_hash = ? WHERE id = ? AND request_hash IS NULL")) {
                boolean any = false;
                for (int i = 0; i < sorted.size(); i++) {
                    if (inserted[i] == 0 && sorted.get(i).requestHash() != null) {
                        ps.setString(1, sorted.get(i).requestHash());
                        ps.setObject(2, sorted.get(i).id());
                        ps.addBatch();
                        any = true;
                    }
                }
                if (any) {
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    public Optional<IntentRow> intent(UUID id) {
        return Jdbc.first(dataSource, "read intent " + id, "SELECT " + INTENT_COLUMNS + " FROM intent WHERE id = ?",
                ps -> ps.setObject(1, id), ControlStore::intentRow);
    }

    /** The rows of those of {@code ids} that exist, in one query. */
    public List<IntentRow> intents(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return Jdbc.call(dataSource, "read " + ids.size() + " intents", c -> Jdbc.list(c, "SELECT " + INTENT_COLUMNS
                + " FROM intent WHERE id = ANY (?)", ps -> ps.setArray(1, c.createArrayOf("uuid", ids.toArray())), ControlStore::intentRow));
    }

    /** Counts a model's intents by status. */
    public long countIntents(ModelId model, IntentStatus status) {
        return Jdbc.first(dataSource, "count the intents of " + model, "SELECT count(*) FROM intent WHERE model_id = ? AND status = ?", ps -> {
            ps.setString(1, model.value());
            ps.setString(2, status.wireName());
        }, rs -> rs.getLong(1)).orElse(0L);
    }

    /** When the model's last intent finished, if any did. */
    public Optional<Instant> lastFinished(ModelId model) {
        return Jdbc.first(dataSource, "read the last finished intent of " + model, "SELECT max(finished_at) AS last FROM intent WHERE model_id = ?",
                ps -> ps.setString(1, model.value()), rs -> Optional.ofNullable(Sql.instant(rs, "last"))).flatMap(last -> last);
    }

    /**
     * Records the outcomes of applied intents and raises the model's {@code current_version}, in one
     * statement. Rows the API never wrote are inserted; a terminal status is never replaced by another.
     * {@code started_at} is the start of the intent's batch ({@link IntentOutcome#startedAt}), kept once set.
     */
    public void recordOutcomes(ModelId model, Collection<IntentOutcome> outcomes, long currentVersion) {
        int n = outcomes.size();
        Object[] ids = new Object[n];
        String[] functions = new String[n];
        String[] statuses = new String[n];
        Long[] versions = new Long[n];
        String[] results = new String[n];
        String[] errors = new String[n];
        java.sql.Timestamp[] submitted = new java.sql.Timestamp[n];
        java.sql.Timestamp[] started = new java.sql.Timestamp[n];
        java.sql.Timestamp[] finished = new java.sql.Timestamp[n];
        String[] requesters = new String[n];
        int i = 0;
        for (IntentOutcome o : outcomes) {
            ids[i] = o.id();
            functions[i] = o.function();
            statuses[i] = o.status().wireName();
            versions[i] = o.version();
            results[i] = Sql.jsonText(o.result());
            errors[i] = Sql.jsonText(o.error());
            submitted[i] = Sql.timestamp(o.submittedAt());
            started[i] = Sql.timestamp(o.startedAt() == null ? o.finishedAt() : o.startedAt());
            finished[i] = Sql.timestamp(o.finishedAt());
            requesters[i] = o.requester();
            i++;
        }
        String sql = """
                WITH o AS (
                  SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::text[])
                    AS o(id, function, status, version, result, error, submitted_at, started_at, finished_at, requester)
                ), upserted AS (
                  INSERT INTO intent (id, model_id, function, status, submitted_at, started_at, finished_at, version, result, error, requester)
                  SELECT o.id, ?, o.function, o.status, o.submitted_at, o.started_at, o.finished_at, o.version, o.result::jsonb, o.error::jsonb, o.requester FROM o
                  ON CONFLICT (id) DO UPDATE SET status = excluded.status, version = excluded.version, result = excluded.result,
                      error = excluded.error, finished_at = excluded.finished_at, started_at = coalesce(intent.started_at, excluded.started_at)
                    WHERE intent.status NOT IN ('succeeded', 'failed')
                )
                UPDATE goal_model SET current_version = greatest(current_version, ?), updated_at = now()
                WHERE id = ?
                """;
        Jdbc.call(dataSource, "record the outcomes of " + n + " intents of " + model, c -> Jdbc.update(c, sql, ps -> {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("text", functions));
            ps.setArray(3, c.createArrayOf("text", statuses));
            ps.setArray(4, c.createArrayOf("bigint", versions));
            ps.setArray(5, c.createArrayOf("text", results));
            ps.setArray(6, c.createArrayOf("text", errors));
            ps.setArray(7, c.createArrayOf("timestamptz", submitted));
            ps.setArray(8, c.createArrayOf("timestamptz", started));
            ps.setArray(9, c.createArrayOf("timestamptz", finished));
            ps.setArray(10, c.createArrayOf("text", requesters));
            ps.setString(11, model.value());
            ps.setLong(12, currentVersion);
            ps.setString(13, model.value());
        }));
    }

    private static ModelRow modelRow(ResultSet rs) throws SQLException {
        return new ModelRow(ModelId.of(rs.getString("id")), rs.getString("pod_class"), ModelStatus.fromWire(rs.getString("status")),
                rs.getLong("current_version"), Sql.nullableLong(rs, "snapshot_version"), rs.getString("owner_id"),
                rs.getLong("owner_epoch"), Sql.instant(rs, "lease_until"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                Sql.instant(rs, "owner_since"));
    }

    private static IntentRow intentRow(ResultSet rs) throws SQLException {
        return new IntentRow(rs.getObject("id", UUID.class), ModelId.of(rs.getString("model_id")), rs.getString("function"),
                IntentStatus.fromWire(rs.getString("status")), Sql.instant(rs, "submitted_at"), Sql.instant(rs, "started_at"),
                Sql.instant(rs, "finished_at"), Sql.nullableLong(rs, "version"), Sql.json(rs, "error"), Sql.json(rs, "result"),
                rs.getString("requester"), rs.getString("request_hash"));
    }
}
