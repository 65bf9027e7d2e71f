package io.teatree.api.versions;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.duckdb.DuckDBConnection;

/**
 * The use of one open version by one query: a connection of its own to the version's shared DuckDB instance.
 * While any lease of a version is open the version stays open, however many newer versions appear. Close it
 * when the query's answer is written; closing twice is harmless. Not thread-safe: one query, one thread at a time.
 */
public final class VersionLease implements AutoCloseable {

    private final VersionCache cache;
    private final OpenVersion version;
    private final DuckDBConnection connection;
    private final AtomicBoolean closed = new AtomicBoolean();

    VersionLease(VersionCache cache, OpenVersion version, DuckDBConnection connection) {
        this.cache = cache;
        this.version = version;
        this.connection = connection;
    }

    public VersionKey key() {
        return version.key();
    }

    /** This lease's read-only connection; closed with the lease. */
    public DuckDBConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the connection is gone either way; the version is released below
            } finally {
                cache.release(version);
            }
        }
    }
}
