package io.teatree.protocol.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.teatree.protocol.Json;
import io.teatree.protocol.Manifest;
import io.teatree.protocol.ModelId;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code model_version} and {@code content_index} control rows of published versions (docs/design.md,
 * control tables; docs/versions.md). The db-manager records a version only after its manifest is in S3; the
 * client API reads them. Stateless and thread-safe; failures are {@link ControlStoreUnavailableException}s.
 */
public class VersionStore {

    private static final TypeReference<List<Manifest.Column>> COLUMNS = new TypeReference<>() {
    };
    private static final String VERSION_COLUMNS = "SELECT version, duckdb_uri, bytes, sha256, storage_version, created_at FROM model_version";

    private final DataSource dataSource;

    public VersionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a published version, its tables and the model's {@code snapshot_version}, in one transaction. Idempotent. */
    public void record(Manifest manifest) {
        Jdbc.inTransaction(dataSource, "record version " + manifest.version() + " of " + manifest.model(), c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO model_version (model_id, version, duckdb_uri, bytes, sha256, storage_version, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model_id, version) DO NOTHING""")) {
                ps.setString(1, manifest.model().value());
                ps.setLong(2, manifest.version());
                ps.setString(3, manifest.duckdb().uri());
                ps.setLong(4, manifest.duckdb().bytes());
                ps.setString(5, manifest.duckdb().sha256());
                ps.setString(6, manifest.storageVersion());
                ps.setTimestamp(7, Timestamp.from(manifest.createdAt()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO content_index (model_id, version, table_name, row_count, parquet_uri, bytes, sha256, columns)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING""")) {
                for (Manifest.Table t : manifest.tables()) {
                    ps.setString(1, manifest.model().value());
                    ps.setLong(2, manifest.version());
                    ps.setString(3, t.name());
                    ps.setLong(4, t.rows());
                    ps.setString(5, t.parquet().uri());
                    ps.setLong(6, t.parquet().bytes());
                    ps.setString(7, t.parquet().sha256());
                    ps.setString(8, columnsJson(t.columns()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE goal_model SET snapshot_version = greatest(coalesce(snapshot_version, 0), ?), updated_at = now() WHERE id = ?")) {
                ps.setLong(1, manifest.version());
                ps.setString(2, manifest.model().value());
                return ps.executeUpdate();
            }
        });
    }

    /** The numbers of a model's published versions, newest first. */
    public List<Long> numbers(ModelId model) {
        return Jdbc.list(dataSource, "list the versions of " + model, "SELECT version FROM model_version WHERE model_id = ? ORDER BY version DESC",
                ps -> ps.setString(1, model.value()), rs -> rs.getLong(1));
    }

    /** The published versions of {@code model}, newest first, without their tables. */
    public List<Manifest> versions(ModelId model) {
        return Jdbc.list(dataSource, "list the versions of " + model, VERSION_COLUMNS + " WHERE model_id = ? ORDER BY version DESC",
                ps -> ps.setString(1, model.value()), rs -> version(model, rs, List.of()));
    }

    /** The newest published version number of {@code model}, if any. */
    public Optional<Long> latest(ModelId model) {
        return Jdbc.first(dataSource, "read the latest version of " + model, "SELECT max(version) FROM model_version WHERE model_id = ?",
                ps -> ps.setString(1, model.value()), rs -> Optional.ofNullable(Sql.nullableLong(rs, 1))).flatMap(v -> v);
    }

    /** The manifest of one published version, rebuilt from its control rows, if it is published. */
    public Optional<Manifest> manifest(ModelId model, long version) {
        Jdbc.Params key = ps -> {
            ps.setString(1, model.value());
            ps.setLong(2, version);
        };
        return Jdbc.call(dataSource, "read version " + version + " of " + model, c -> {
            List<Manifest.Table> tables = Jdbc.list(c, "SELECT table_name, row_count, columns::text, parquet_uri, bytes, sha256"
                    + " FROM content_index WHERE model_id = ? AND version = ? ORDER BY table_name", key, VersionStore::table);
            return Jdbc.list(c, VERSION_COLUMNS + " WHERE model_id = ? AND version = ?", key, rs -> version(model, rs, tables)).stream().findFirst();
        });
    }

    /** Forgets versions older than {@code keepFrom} (their files were deleted from S3). */
    public void deleteBefore(ModelId model, long keepFrom) {
        Jdbc.update(dataSource, "forget old versions of " + model, "DELETE FROM model_version WHERE model_id = ? AND version < ?", ps -> {
            ps.setString(1, model.value());
            ps.setLong(2, keepFrom);
        });
    }

    private static Manifest.Table table(ResultSet rs) throws SQLException {
        return new Manifest.Table(rs.getString(1), rs.getLong(2), columns(rs.getString(3)),
                new Manifest.FileRef(rs.getString(4), rs.getLong(5), rs.getString(6)));
    }

    private static Manifest version(ModelId model, ResultSet rs, List<Manifest.Table> tables) throws SQLException {
        return new Manifest(model, rs.getLong(1), rs.getTimestamp(6).toInstant(), rs.getString(5),
                new Manifest.FileRef(rs.getString(2), rs.getLong(3), rs.getString(4)), tables);
    }

    private static String columnsJson(List<Manifest.Column> columns) throws SQLException {
        try {
            return Json.MAPPER.writeValueAsString(columns);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot serialise columns", e);
        }
    }

    private static List<Manifest.Column> columns(String json) throws SQLException {
        try {
            return Json.MAPPER.readValue(json, COLUMNS);
        } catch (IOException e) {
            throw new SQLException("content_index.columns is not a column list: " + e.getMessage(), e);
        }
    }
}
