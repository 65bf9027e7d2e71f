package io.teatree.api.versions;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.teatree.protocol.Json;
import io.teatree.protocol.Manifest;
import io.teatree.protocol.ModelId;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads published versions from the control rows {@code model_version} and {@code content_index} (DESIGN §4),
 * which the db-manager records only after a version's manifest is in S3. Stateless and thread-safe; blocking.
 */
@ApplicationScoped
public class VersionCatalog {

    private static final TypeReference<List<Manifest.Column>> COLUMNS = new TypeReference<>() {
    };
    private static final String VERSION_COLUMNS = "SELECT version, duckdb_uri, bytes, sha256, storage_version, created_at FROM model_version";

    private final AgroalDataSource dataSource;

    public VersionCatalog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The published versions of {@code model}, newest first, without their tables. */
    public List<Manifest> versions(ModelId model) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(VERSION_COLUMNS + " WHERE model_id = ? ORDER BY version DESC")) {
            ps.setString(1, model.value());
            List<Manifest> versions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(version(model, rs, List.of()));
                }
            }
            return versions;
        }
    }

    /** The newest published version number of {@code model}, if any. */
    public Optional<Long> latest(ModelId model) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT max(version) FROM model_version WHERE model_id = ?")) {
            ps.setString(1, model.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long version = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(version);
            }
        }
    }

    /** The manifest of one published version, rebuilt from its control rows, if it is published. */
    public Optional<Manifest> manifest(ModelId model, long version) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Manifest.Table> tables = tables(c, model, version);
            try (PreparedStatement ps = c.prepareStatement(VERSION_COLUMNS + " WHERE model_id = ? AND version = ?")) {
                ps.setString(1, model.value());
                ps.setLong(2, version);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(version(model, rs, tables)) : Optional.empty();
                }
            }
        }
    }

    private static List<Manifest.Table> tables(Connection c, ModelId model, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, row_count, columns::text, parquet_uri, bytes, sha256"
                + " FROM content_index WHERE model_id = ? AND version = ? ORDER BY table_name")) {
            ps.setString(1, model.value());
            ps.setLong(2, version);
            List<Manifest.Table> tables = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(new Manifest.Table(rs.getString(1), rs.getLong(2), columns(rs.getString(3)),
                            new Manifest.FileRef(rs.getString(4), rs.getLong(5), rs.getString(6))));
                }
            }
            return tables;
        }
    }

    private static Manifest version(ModelId model, ResultSet rs, List<Manifest.Table> tables) throws SQLException {
        return new Manifest(model, rs.getLong(1), rs.getTimestamp(6).toInstant(), rs.getString(5),
                new Manifest.FileRef(rs.getString(2), rs.getLong(3), rs.getString(4)), tables);
    }

    private static List<Manifest.Column> columns(String json) throws SQLException {
        try {
            return Json.MAPPER.readValue(json, COLUMNS);
        } catch (IOException e) {
            throw new SQLException("content_index.columns is not a column list: " + e.getMessage(), e);
        }
    }
}
