package io.teatree.api.versions;

import io.teatree.functions.sandbox.Sandbox;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * One version file open READ_ONLY as its own DuckDB instance, locked by {@link Sandbox#lock} (no files, no
 * extensions, no settings), with the number of leases that use it. Guarded by {@link VersionCache}'s lock,
 * except {@link #connect()}, which is thread-safe.
 */
final class OpenVersion {

    private final VersionKey key;
    private final DuckDBConnection database;
    private int leases;

    private OpenVersion(VersionKey key, DuckDBConnection database) {
        this.key = key;
        this.database = database;
    }

    static OpenVersion open(VersionKey key, Path file) throws SQLException {
        Properties props = new Properties();
        props.setProperty(DuckDBDriver.DUCKDB_READONLY_PROPERTY, "true");
        props.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        props.setProperty("autoinstall_known_extensions", "false");
        props.setProperty("autoload_known_extensions", "false");
        DuckDBConnection database = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:" + file, props);
        try {
            Sandbox.lock(database);
        } catch (SQLException e) {
            database.close();
            throw e;
        }
        return new OpenVersion(key, database);
    }

    VersionKey key() {
        return key;
    }

    /** A new connection to this instance, for one query. */
    DuckDBConnection connect() throws SQLException {
        return database.duplicate();
    }

    void retain() {
        leases++;
    }

    void release() {
        leases--;
    }

    boolean idle() {
        return leases == 0;
    }

    void close() throws SQLException {
        database.close();
    }
}
