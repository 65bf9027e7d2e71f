package io.teatree.functions.load;

import io.teatree.functions.FunctionException;
import io.teatree.functions.Payload;
import io.teatree.functions.PayloadFormat;
import io.teatree.functions.payload.MalformedPayloadException;
import io.teatree.functions.payload.PayloadChecks;
import io.teatree.functions.payload.PayloadLimits;
import io.teatree.functions.table.Identifiers;
import io.teatree.protocol.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.util.ValueVectorUtility;

/**
 * Reads a payload file into the table {@code raw} of a {@link TrustedDuckDb}, keeping the file's row order:
 * CSV (header row, every column as text), NDJSON, a JSON array of objects and Parquet through DuckDB's
 * readers, Arrow IPC streams through Arrow Java's {@link ArrowStreamReader}.
 */
final class PayloadStager {

    /** The API enforced the configured size cap already; here the file's own size bounds every declared length. */
    private static final PayloadLimits MANAGER_LIMITS = new PayloadLimits(Long.MAX_VALUE, PayloadLimits.DEFAULT.maxLineBytes(),
            PayloadLimits.DEFAULT.maxDepth());

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
        } catch (SQLException | RuntimeException e) {
            // a reader that trips over hostile bytes fails this intent alone, whatever it throws
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String detail = message.lines().findFirst().orElse("").trim();
            throw new FunctionException(ProblemType.BAD_PAYLOAD, "the " + format.wireName() + " payload cannot be read: " + detail,
                    "payload", e);
        }
    }

    private static void stageArrow(TrustedDuckDb db, Payload payload, BufferAllocator allocator) throws SQLException, FunctionException {
        checkFraming(payload);
        validateBatches(payload, allocator);
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

    /**
     * Walks the stream's framing before Arrow Java, which allocates what a length prefix says, reads a byte of it
     * (a 7-byte body once read as 1.5 GiB took a manager down). The API runs the same check before queueing; this
     * one guards payloads staged by older APIs or by hand.
     */
    private static void checkFraming(Payload payload) throws FunctionException {
        try {
            PayloadChecks.checkFile(PayloadFormat.ARROW, MANAGER_LIMITS, payload.file());
        } catch (MalformedPayloadException e) {
            throw new FunctionException(ProblemType.BAD_PAYLOAD, "the arrow payload is not a valid Arrow IPC stream: " + e.getMessage(), "payload");
        } catch (IOException e) {
            throw new FunctionException(ProblemType.BAD_PAYLOAD, "the arrow payload cannot be read: " + e.getMessage(), "payload");
        }
    }

    /**
     * Reads every batch once under an allocator capped near the file's size and validates it fully (offsets,
     * buffer sizes, nested children), so neither Arrow Java nor DuckDB, which reads the buffers natively, ever
     * sees a batch whose lengths lie.
     */
    private static void validateBatches(Payload payload, BufferAllocator allocator) throws FunctionException {
        long cap = Math.max(64L << 20, 4 * fileSize(payload));
        try (BufferAllocator bounded = allocator.newChildAllocator("payload-check", 0, cap);
             InputStream in = Files.newInputStream(payload.file());
             ArrowStreamReader reader = new ArrowStreamReader(in, bounded)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            long batch = 0;
            while (reader.loadNextBatch()) {
                try {
                    ValueVectorUtility.validateFull(root);
                } catch (RuntimeException e) {
                    throw new FunctionException(ProblemType.BAD_PAYLOAD, "the arrow payload's record batch " + batch + " (before byte offset "
                            + reader.bytesRead() + ") is invalid: " + e.getMessage(), "payload");
                }
                batch++;
            }
        } catch (IOException | RuntimeException e) {
            throw new FunctionException(ProblemType.BAD_PAYLOAD, "the arrow payload cannot be read: " + e.getMessage(), "payload");
        }
    }

    private static long fileSize(Payload payload) throws FunctionException {
        try {
            return Files.size(payload.file());
        } catch (IOException e) {
            throw new FunctionException(ProblemType.BAD_PAYLOAD, "the payload file cannot be opened: " + e.getMessage(), "payload");
        }
    }

    private static void closeQuietly(ArrowStreamReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // the stream was unreadable already; the error reported is the read failure
        }
    }
}
