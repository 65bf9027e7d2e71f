package io.teatree.api.auth;

import io.agroal.api.AgroalDataSource;
import io.teatree.api.auth.ApiKey;
import io.teatree.api.auth.ModelPattern;
import io.teatree.api.auth.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code api_key} table. Thread-safe; each call borrows one pooled connection. */
@ApplicationScoped
public class ApiKeyStore {

    private static final String COLUMNS = "id, role, model_pattern, created_at, revoked_at";

    private final AgroalDataSource dataSource;

    public ApiKeyStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The live (not revoked) key whose secret hashes to {@code sha256}. */
    public Optional<ApiKey> findLive(String sha256) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_key WHERE secret_sha256 = ? AND revoked_at IS NULL")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    public ApiKey create(String id, String sha256, Role role, ModelPattern pattern) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO api_key (id, secret_sha256, role, model_pattern) VALUES (?, ?, ?, ?) RETURNING " + COLUMNS)) {
            ps.setString(1, id);
            ps.setString(2, sha256);
            ps.setString(3, role.wireName());
            ps.setString(4, pattern.glob());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return row(rs);
            }
        }
    }

    /** All keys, revoked ones included, in id order. */
    public List<ApiKey> list() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_key ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            List<ApiKey> keys = new ArrayList<>();
            while (rs.next()) {
                keys.add(row(rs));
            }
            return keys;
        }
    }

    /** Revokes a key; false when there is no live key with that id. */
    public boolean revoke(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE api_key SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static ApiKey row(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString("id"), Role.fromWire(rs.getString("role")), new ModelPattern(rs.getString("model_pattern")),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
