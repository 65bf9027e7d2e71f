package io.teatree.functions.load;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * Moves record batches into a DuckDB connection without going row by row: the batches are exported through
 * the Arrow C stream interface and registered as a temporary view ({@code registerArrowStream}), which works
 * on a sandboxed connection with external access off. The view can be scanned once; it is dropped after use.
 */
public final class ArrowBridge {

    /** What to run against the registered view; returns the update count or row count. */
    @FunctionalInterface
    public interface ViewAction {
        long run(String view) throws SQLException;
    }

    private static final AtomicLong NEXT = new AtomicLong();
    private static final int BATCH_ROWS = 65_536;

    private ArrowBridge() {
    }

    /** Runs {@code query} on {@code source} and exposes its result to {@code target} as a view during {@code action}. */
    public static long transfer(DuckDBConnection source, String query, DuckDBConnection target, BufferAllocator allocator,
                                ViewAction action) throws SQLException {
        try (Statement s = source.createStatement();
             DuckDBResultSet rs = (DuckDBResultSet) s.executeQuery(query)) {
            ArrowReader reader = (ArrowReader) rs.arrowExportStream(allocator, BATCH_ROWS);
            return withView(reader, target, allocator, action);
        }
    }

    /**
     * Registers {@code reader} on {@code target} as a view during {@code action}. Takes ownership of the reader:
     * it is closed when the stream is released.
     */
    public static long withView(ArrowReader reader, DuckDBConnection target, BufferAllocator allocator, ViewAction action)
            throws SQLException {
        String view = "_teatree_arrow_" + NEXT.incrementAndGet();
        ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
        boolean ok = false;
        try {
            Data.exportArrayStream(allocator, reader, stream);
            register(target, view, stream);
            long result = action.run(view);
            ok = true;
            return result;
        } finally {
            stream.release();
            stream.close();
            if (ok) {
                try (Statement s = target.createStatement()) {
                    s.execute("DROP VIEW IF EXISTS " + view);
                }
            }
        }
    }

    /** {@code registerArrowStream} wraps DuckDB's error in a RuntimeException; give the SQLException back. */
    private static void register(DuckDBConnection target, String view, ArrowArrayStream stream) throws SQLException {
        try {
            target.registerArrowStream(view, stream);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }
}
