package io.teatree.api.query;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.duckdb.DuckDBResultSet;

/**
 * Rows as an Arrow IPC stream, batch by batch straight from DuckDB's Arrow export
 * ({@link DuckDBResultSet#arrowExportStream}); no row is converted on the way. The batch that crosses
 * {@code maxRows} is cut to it.
 */
final class ArrowResultWriter implements ResultWriter {

    private final BufferAllocator parent;
    private final int batchRows;

    ArrowResultWriter(BufferAllocator parent, int batchRows) {
        this.parent = parent;
        this.batchRows = batchRows;
    }

    @Override
    public long write(RunningQuery query, long maxRows, OutputStream out) throws IOException, SQLException {
        DuckDBResultSet rows = query.rows().unwrap(DuckDBResultSet.class);
        long written = 0;
        try (BufferAllocator allocator = parent.newChildAllocator("query", 0, Long.MAX_VALUE);
             ArrowReader reader = (ArrowReader) rows.arrowExportStream(allocator, batchRows)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            // not closed: close() would write the end-of-stream marker even after a failure; it owns nothing else
            ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out));
            writer.start();
            while (written < maxRows && reader.loadNextBatch()) {
                if (written + root.getRowCount() > maxRows) {
                    root.setRowCount((int) (maxRows - written));
                }
                writer.writeBatch();
                written += root.getRowCount();
            }
            writer.end();
        }
        return written;
    }
}
