package io.teatree.api.query;

import io.teatree.api.versions.VersionLease;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A query whose statement ran and whose rows are ready to stream: its result set, the lease on the version it
 * reads and the timer that cancels it at the time limit. Closing it stops the timer, closes the statement and
 * releases the version. Used by one thread at a time.
 */
public final class RunningQuery implements AutoCloseable {

    private final VersionLease lease;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final ScheduledFuture<?> timer;
    private final AtomicBoolean timedOut;

    RunningQuery(VersionLease lease, PreparedStatement statement, ResultSet rows, ScheduledFuture<?> timer, AtomicBoolean timedOut) {
        this.lease = lease;
        this.statement = statement;
        this.rows = rows;
        this.timer = timer;
        this.timedOut = timedOut;
    }

    /** The version the query reads. */
    public long version() {
        return lease.key().version();
    }

    public ResultSet rows() {
        return rows;
    }

    /** True when the time limit cancelled the statement. */
    public boolean timedOut() {
        return timedOut.get();
    }

    @Override
    public void close() {
        timer.cancel(false);
        try {
            statement.close();
        } catch (SQLException e) {
            // the lease's connection is closed below anyway
        } finally {
            lease.close();
        }
    }
}
