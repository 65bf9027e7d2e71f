package io.teatree.functions.load;

import io.teatree.functions.FunctionException;
import io.teatree.functions.Payload;
import io.teatree.functions.PayloadFormat;
import io.teatree.functions.table.Identifiers;
import io.teatree.protocol.ProblemType;
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
        PayloadFormat format = payload.format();
        if (format == null) {
            throw new FunctionException(ProblemType.BAD_PAYLOAD, "the payload has no format; use csv, ndjson, json, arrow or parquet",
                    "payload.format");
        }
        try {
            switch (format) {
                case CSV -> db.execute("CREATE TEMP TABLE raw AS SELECT * FROM read_csv(" + path + ", header = true, all_varchar = true)");
                case NDJSON -> db.execute("CREATE TEMP TABLE raw AS SELECT * FROM read_json(" + path + ", format = 'newline_delimited')");
                case JSON -> db.execute("CREATE TEMP TABLE raw AS SELECT * FROM read_json(" + path + ", format = 'array')");
                case PARQUET -> db.execute("CREATE TEMP TABLE raw AS SELECT * FROM read_parquet(" + path + ")");
                case ARROW -> stageArrow(db, payload, allocator);
            }
        } catch (SQLException e) {
            String detail = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("").trim();
            throw new FunctionException(ProblemType.BAD_PAYLOAD, "the " + format.wireName() + " payload cannot be read: " + detail,
                    "payload", e);
        }
    }

    private static void stageArrow(TrustedDuckDb db, Payload payload, BufferAllocator allocator) throws SQLException, FunctionException {
        InputStream in;
        try {
            in = Files.newInputStream(payload.file());
        } catch (IOException e) {
            throw new FunctionException(ProblemType.BAD_PAYLOAD, "the payload file cannot be opened: " + e.getMessage(), "payload");
        }
        ArrowStreamReader reader = new ArrowStreamReader(in, allocator);
        try {
            reader.getVectorSchemaRoot();
        } catch (IOException | RuntimeException e) {
            closeQuietly(reader);
            throw new FunctionException(ProblemType.BAD_PAYLOAD, "the arrow payload is not an Arrow IPC stream: " + e.getMessage(), "payload");
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
