package io.teatree.api.query;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;
import io.teatree.api.problem.Problems;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
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
            // the first batch is checked before anything is written, so a too-large cell in it is still a 422
            boolean more = reader.loadNextBatch();
            if (more) {
                try {
                    checkCells(root, query.maxCell());
                } catch (CellTooLargeException e) {
                    throw Problems.resultTooLarge(e.getMessage());
                }
            }
            // not closed: close() would write the end-of-stream marker even after a failure; it owns nothing else
            ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out));
            writer.start();
            for (boolean first = true; written < maxRows && more; first = false, more = reader.loadNextBatch()) {
                if (!first) {
                    checkCells(root, query.maxCell());
                }
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

    /** Fails when a value of a variable-width vector (text, blob, and those inside lists and structs) is over {@code maxCell} bytes. */
    private static void checkCells(VectorSchemaRoot root, long maxCell) throws CellTooLargeException {
        for (FieldVector vector : root.getFieldVectors()) {
            checkVector(vector, vector.getName(), root.getRowCount(), maxCell);
        }
    }

    private static void checkVector(ValueVector vector, String column, int rows, long maxCell) throws CellTooLargeException {
        if (vector instanceof BaseVariableWidthVector v) {
            for (int i = 0; i < v.getValueCount(); i++) {
                if (!v.isNull(i) && v.getValueLength(i) > maxCell) {
                    throw new CellTooLargeException(column, v.getValueLength(i), maxCell);
                }
            }
        } else if (vector instanceof BaseLargeVariableWidthVector v) {
            for (int i = 0; i < v.getValueCount(); i++) {
                if (!v.isNull(i) && v.getValueLength(i) > maxCell) {
                    throw new CellTooLargeException(column, v.getValueLength(i), maxCell);
                }
            }
        }
        if (vector instanceof FieldVector parent) {
            for (FieldVector child : parent.getChildrenFromFields()) {
                checkVector(child, column, rows, maxCell);
            }
        }
    }
}
