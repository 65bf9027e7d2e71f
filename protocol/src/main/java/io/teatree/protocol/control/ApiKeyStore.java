package io.teatree.protocol.control;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code api_key} control table: only the SHA-256 of a secret is stored. Stateless and thread-safe; failures
 * are {@link ControlStoreUnavailableException}s.
 */
public class ApiKeyStore {

    private static final String COLUMNS = "id, role, model_pattern, created_at, revoked_at";

    private final DataSource dataSource;

    public ApiKeyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The live (not revoked) key whose secret hashes to {@code sha256}. */
    public Optional<ApiKeyRow> findLive(String sha256) {
        return Jdbc.first(dataSource, "check an API key", "SELECT " + COLUMNS + " FROM api_key WHERE secret_sha256 = ? AND revoked_at IS NULL",
                ps -> ps.setString(1, sha256), ApiKeyStore::row);
    }

    /** Stores a new key; {@code role} and {@code modelPattern} are validated by the caller. */
    public ApiKeyRow create(String id, String sha256, String role, String modelPattern) {
        return Jdbc.first(dataSource, "create an API key",
                "INSERT INTO api_key (id, secret_sha256, role, model_pattern) VALUES (?, ?, ?, ?) RETURNING " + COLUMNS, ps -> {
                    ps.setString(1, id);
                    ps.setString(2, sha256);
                    ps.setString(3, role);
                    ps.setString(4, modelPattern);
                }, ApiKeyStore::row).orElseThrow();
    }

    /** All keys, revoked ones included, in id order. */
    public List<ApiKeyRow> list() {
        return Jdbc.list(dataSource, "list API keys", "SELECT " + COLUMNS + " FROM api_key ORDER BY id", ps -> { }, ApiKeyStore::row);
    }

    /** Revokes a key; false when there is no live key with that id. */
    public boolean revoke(String id) {
        return Jdbc.update(dataSource, "revoke an API key", "UPDATE api_key SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL",
                ps -> ps.setString(1, id)) == 1;
    }

    private static ApiKeyRow row(ResultSet rs) throws SQLException {
        return new ApiKeyRow(rs.getString("id"), rs.getString("role"), rs.getString("model_pattern"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "revoked_at"));
    }
}
