package io.teatree.api.query;

import io.teatree.api.problem.Problems;
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
    private final long maxCell;
    private final boolean text;
    /** The first row's {@code next()}, read ahead by {@link #checkFirstRow()} and not handed out yet; null otherwise. */
    private Boolean readAhead;

    RunningQuery(VersionLease lease, PreparedStatement statement, ResultSet rows, ScheduledFuture<?> timer, AtomicBoolean timedOut,
                 long maxCell, ResultFormat format) {
        this.lease = lease;
        this.statement = statement;
        this.rows = rows;
        this.timer = timer;
        this.timedOut = timedOut;
        this.maxCell = maxCell;
        this.text = format == ResultFormat.CSV || format == ResultFormat.TEXT;
    }

    /**
     * Reads the first row ahead and checks its cells, so a cell over the limit is a 422 before the answer starts;
     * {@link #next()} then hands that row out first. Only for the row formats (Arrow reads the result itself).
     */
    void checkFirstRow() throws SQLException {
        boolean first = rows.next();
        readAhead = first;
        if (first) {
            int columns = rows.getMetaData().getColumnCount();
            for (int c = 1; c <= columns; c++) {
                try {
                    cell(c);
                } catch (CellTooLargeException e) {
                    throw Problems.resultTooLarge(e.getMessage());
                }
            }
        }
    }

    /** Moves to the next row, like {@link ResultSet#next()}. */
    public boolean next() throws SQLException {
        if (readAhead != null) {
            boolean first = readAhead;
            readAhead = null;
            return first;
        }
        return rows.next();
    }

    /**
     * Column {@code index} (1-based) of the current row as the query's format writes it: {@link Cells#text} for
     * CSV and text, {@link Cells#json} otherwise.
     *
     * @throws CellTooLargeException when its text or JSON is longer than {@code teatree.query.max-cell}, or it
     *                               nests deeper than {@link Nesting#MAX_DEPTH}
     */
    public Object cell(int index) throws SQLException {
        Object value;
        try {
            value = text ? Cells.text(rows, index) : Cells.json(rows, index);
        } catch (Nesting.TooDeepException e) {
            throw CellTooLargeException.tooDeep(rows.getMetaData().getColumnLabel(index), Nesting.MAX_DEPTH);
        }
        long length = Cells.length(value);
        if (length > maxCell) {
            throw new CellTooLargeException(rows.getMetaData().getColumnLabel(index), length, maxCell);
        }
        return value;
    }

    /** Largest cell in characters (row formats) or bytes (Arrow). */
    public long maxCell() {
        return maxCell;
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
