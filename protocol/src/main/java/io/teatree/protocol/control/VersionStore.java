package io.teatree.protocol.control;

import io.teatree.protocol.Json;
import io.teatree.protocol.Manifest;
import io.teatree.protocol.ModelId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code model_version} and {@code content_index} control rows of published versions (DESIGN §4, §6).
 * Stateless and thread-safe.
 */
public class VersionStore {

    private final DataSource dataSource;

    public VersionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a published version, its tables and the model's {@code snapshot_version}, in one transaction. Idempotent. */
    public void record(Manifest manifest) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
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
                        ps.setString(8, Json.MAPPER.writeValueAsString(t.columns()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new SQLException("cannot serialise columns", e);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE goal_model SET snapshot_version = greatest(coalesce(snapshot_version, 0), ?), updated_at = now() WHERE id = ?")) {
                    ps.setLong(1, manifest.version());
                    ps.setString(2, manifest.model().value());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Published versions of a model, newest first. */
    public List<Long> versions(ModelId model) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT version FROM model_version WHERE model_id = ? ORDER BY version DESC")) {
            ps.setString(1, model.value());
            List<Long> versions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getLong(1));
                }
            }
            return versions;
        }
    }

    /** The newest published version, if any. */
    public Optional<Long> latest(ModelId model) throws SQLException {
        return versions(model).stream().findFirst();
    }

    /** Forgets versions older than {@code keepFrom} (their files were deleted from S3). */
    public void deleteBefore(ModelId model, long keepFrom) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM model_version WHERE model_id = ? AND version < ?")) {
            ps.setString(1, model.value());
            ps.setLong(2, keepFrom);
            ps.executeUpdate();
        }
    }
}
