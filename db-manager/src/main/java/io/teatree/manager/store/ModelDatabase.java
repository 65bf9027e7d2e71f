package io.teatree.manager.store;

import io.teatree.functions.sandbox.Sandbox;
import io.teatree.protocol.ModelId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * The model's read-write DuckDB file {@code <dataDir>/<model>/model.duckdb} and its bookkeeping schema
 * {@code _teatree}: the ledger of applied intents and the meta row holding the version and the writer's
 * epoch. Owned by the manager's single writer thread; not thread-safe.
 */
public final class ModelDatabase implements AutoCloseable {

    private final Path file;
    private final Connection connection;

    private ModelDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (creating when absent) the model file with DuckDB's limits, creates the bookkeeping schema and
     * locks the connection down for user SQL (no external access, no extensions, configuration locked).
     */
    public static ModelDatabase open(Path dataDir, ModelId model, Optional<String> memoryLimit, Optional<Integer> threads)
            throws SQLException, IOException {
        return open(dataDir, model, memoryLimit, threads, Optional.empty());
    }

    /** As above; {@code storageVersion} sets DuckDB's {@code storage_compatibility_version} of a new file. */
    public static ModelDatabase open(Path dataDir, ModelId model, Optional<String> memoryLimit, Optional<Integer> threads,
                                     Optional<String> storageVersion) throws SQLException, IOException {
        Path dir = dataDir.resolve(model.value());
        Files.createDirectories(dir);
        Path file = dir.resolve("model.duckdb");
        Properties props = new Properties();
        memoryLimit.ifPresent(limit -> props.setProperty("memory_limit", limit));
        threads.ifPresent(n -> props.setProperty("threads", String.valueOf(n)));
        storageVersion.ifPresent(v -> props.setProperty("storage_compatibility_version", v));
        props.setProperty("autoinstall_known_extensions", "false");
        props.setProperty("autoload_known_extensions", "false");
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), props);
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS _teatree");
                st.execute("""
                        CREATE TABLE IF NOT EXISTS _teatree.applied (
                            intent_id UUID PRIMARY KEY, version BIGINT NOT NULL, status VARCHAR NOT NULL,
                            applied_at TIMESTAMP NOT NULL, function VARCHAR, result VARCHAR, error VARCHAR,
                            submitted_at TIMESTAMP, requester VARCHAR)""");
                // when the intent's batch began; files written before it was recorded get the column, NULL in old rows
                st.execute("ALTER TABLE _teatree.applied ADD COLUMN IF NOT EXISTS started_at TIMESTAMP");
                st.execute("CREATE TABLE IF NOT EXISTS _teatree.meta (key VARCHAR PRIMARY KEY, value BIGINT NOT NULL)");
                st.execute("INSERT INTO _teatree.meta VALUES ('version', 0), ('epoch', 0) ON CONFLICT DO NOTHING");
            }
            Sandbox.lock(connection);
            connection.setAutoCommit(false);
            return new ModelDatabase(file, connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    public Connection connection() {
        return connection;
    }

    public Path file() {
        return file;
    }

    /** The version of the last committed batch (0 for a new model). Call only between batches. */
    public long version() throws SQLException {
        return meta("version");
    }

    /** The epoch of the last writer that committed. */
    public long epoch() throws SQLException {
        return meta("epoch");
    }

    /**
     * Inside the open transaction: stamps the new version and our epoch. Returns false (and changes nothing)
     * when the file carries a higher epoch than ours: a newer writer took over and we must not commit.
     */
    public boolean stamp(long version, long epoch) throws SQLException {
        try (PreparedStatement fence = connection.prepareStatement(
                "UPDATE _teatree.meta SET value = ? WHERE key = 'epoch' AND value <= ?")) {
            fence.setLong(1, epoch);
            fence.setLong(2, epoch);
            if (fence.executeUpdate() != 1) {
                return false;
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("UPDATE _teatree.meta SET value = ? WHERE key = 'version'")) {
            ps.setLong(1, version);
            ps.executeUpdate();
        }
        return true;
    }

    private long meta(String key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT value FROM _teatree.meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            } finally {
                connection.commit();
            }
        }
    }

    public void commit() throws SQLException {
        connection.commit();
    }

    public void rollback() throws SQLException {
        connection.rollback();
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } catch (SQLException noTransaction) {
            // nothing open to roll back (user code ended it): closing is all that is left
        } finally {
            connection.close();
        }
    }
}
