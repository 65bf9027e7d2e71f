package io.teatree.functions.load;

import io.teatree.functions.FunctionException;
import io.teatree.functions.Payload;
import io.teatree.functions.table.Identifiers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Reads a payload file into the table {@code raw} of a {@link TrustedDuckDb}, keeping the file's row order:
 * CSV (header row, every column as text), NDJSON, a JSON array of objects and Parquet through DuckDB's
 * readers, Arrow IPC streams through Arrow Java's {@link ArrowStreamReader}.
 */
final class PayloadStager {

    private PayloadStager() {
    }

    static void stage(TrustedDuckDb db, Payload payload, BufferAllocator allocator) throws FunctionException {
        String path = Identifiers.literal(payload.file().toAbsolutePath().toString());
        String format = payload.format() == null ? "" : payload.format().toLowerCase(java.util.Locale.ROOT);
        try {
            switch (format) {
                case "csv" -> db.execute("CREATE TEMP TABLE raw AS SELECT * FROM read_csv(" + path + ", header = true, all_varchar = true)");
                case "ndjson" -> db.execute("CREATE TEMP TABLE raw AS SELECT * FROM read_json(" + path + ", format = 'newline_delimited')");
                case "json" -> db.execute("CREATE TEMP TABLE raw AS SELECT * FROM read_json(" + path + ", format = 'array')");
                case "parquet" -> db.execute("CREATE TEMP TABLE raw AS SELECT * FROM read_parquet(" + path + ")");
                case "arrow" -> stageArrow(db, payload, allocator);
                default -> throw FunctionException.of("bad-payload", "unknown payload format '" + payload.format()
                        + "'; use csv, ndjson, json, arrow or parquet", "payload.format");
            }
        } catch (SQLException e) {
            String detail = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("").trim();
            throw new FunctionException(io.teatree.protocol.Problem.of("bad-payload", "Intent failed", 422,
                    "the " + format + " payload cannot be read: " + detail, "payload"), e);
        }
    }

    private static void stageArrow(TrustedDuckDb db, Payload payload, BufferAllocator allocator) throws SQLException, FunctionException {
        InputStream in;
        try {
            in = Files.newInputStream(payload.file());
        } catch (IOException e) {
            throw FunctionException.of("bad-payload", "the payload file cannot be opened: " + e.getMessage(), "payload");
        }
        ArrowStreamReader reader = new ArrowStreamReader(in, allocator);
        try {
            reader.getVectorSchemaRoot();
        } catch (IOException | RuntimeException e) {
            closeQuietly(reader);
            throw FunctionException.of("bad-payload", "the arrow payload is not an Arrow IPC stream: " + e.getMessage(), "payload");
        }
        ArrowBridge.withView(reader, db.connection(), allocator, view -> {
            db.execute("CREATE TEMP TABLE raw AS SELECT * FROM " + view);
            return 0;
        });
    }

    private static void closeQuietly(ArrowStreamReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // the stream was unreadable already; the error reported is the read failure
        }
    }
}
