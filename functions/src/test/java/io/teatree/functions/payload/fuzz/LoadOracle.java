package io.teatree.functions.payload.fuzz;

import io.teatree.functions.FunctionException;
import io.teatree.functions.Payload;
import io.teatree.functions.PayloadFormat;
import io.teatree.functions.builtin.AppendFunction;
import io.teatree.functions.payload.Samples;
import io.teatree.functions.testing.ModelDb;
import io.teatree.protocol.ProblemType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the db-manager must do with any payload file: append its rows, or fail the intent with a
 * {@link FunctionException} that blames the payload's contents (bad payload, or rows that do not fit the table)
 * with a reason, leaving no Arrow memory taken ({@link ModelDb} checks the allocator). Anything else (a
 * SQLException, a RuntimeException, an Error, a leak, another kind of failure) is a finding, whether or not the
 * API's check passed the bytes. Counts how the two sides agree, for the summary printed after a run.
 */
final class LoadOracle {

    /** The table every payload is appended to: the columns of {@code Samples.valid} in every format. */
    static final String TABLE = "CREATE TABLE t (id BIGINT, name VARCHAR, tags VARCHAR)";

    /** The kinds a payload may fail its intent with: its bytes, or rows that do not fit the table. */
    private static final Set<ProblemType> PAYLOAD_FAULTS = Set.of(ProblemType.BAD_PAYLOAD, ProblemType.TYPE_MISMATCH,
            ProblemType.CONSTRAINT_VIOLATION, ProblemType.UNKNOWN_COLUMN, ProblemType.BAD_ARGS);

    private static final Map<PayloadFormat, AtomicLongArray> COUNTS = new EnumMap<>(PayloadFormat.class);

    static {
        for (PayloadFormat format : PayloadFormat.values()) {
            COUNTS.put(format, new AtomicLongArray(4));
        }
    }

    private final AppendFunction append = new AppendFunction();
    private final Path dir;

    LoadOracle(Path dir) {
        this.dir = dir;
    }

    /**
     * A valid payload that loads into {@link #TABLE}: {@code Samples.valid}, except for CSV, whose sample mixes
     * {@code \n} and {@code \r\n} line ends, which the check passes but DuckDB's CSV sniffer refuses.
     */
    static byte[] loadable(PayloadFormat format) {
        return format == PayloadFormat.CSV ? "id,name,tags\n1,ann,x\n2,\"b,ob\",\n3,zoë,\"[1]\"\n".getBytes(StandardCharsets.UTF_8)
                : Samples.valid(format);
    }

    /** True when the payload loaded; throws AssertionError (or lets anything unexpected through) on a finding. */
    boolean load(ModelDb db, PayloadFormat format, byte[] bytes) throws IOException, SQLException {
        boolean checked = CheckOracle.verdict(format, bytes);
        Path file = Files.write(dir.resolve("payload." + format.wireName()), bytes);
        boolean loaded;
        try {
            db.apply(append, "{\"table\": \"t\"}", new Payload(format, file));
            db.setup("DELETE FROM t");
            loaded = true;
        } catch (FunctionException e) {
            if (e.getSuppressed().length > 0) {
                throw new AssertionError("Arrow memory left behind after '" + e.detail() + "': " + Arrays.toString(e.getSuppressed()), e);
            }
            if (!(e.type() instanceof ProblemType type) || !PAYLOAD_FAULTS.contains(type)) {
                throw new AssertionError("a " + format + " payload" + (checked ? " the API passed" : "") + " failed as " + e.type().slug()
                        + ": " + e.detail(), e);
            }
            if (e.detail() == null || e.detail().isBlank()) {
                throw new AssertionError("a " + format + " payload failed as " + type.slug() + " without a reason", e);
            }
            loaded = false;
        }
        COUNTS.get(format).incrementAndGet((checked ? 2 : 0) + (loaded ? 1 : 0));
        return loaded;
    }

    /** How often the API check and the manager agreed, per format. */
    static String summary() {
        StringBuilder out = new StringBuilder("payload load fuzzing (check/manager): ");
        COUNTS.forEach((format, c) -> {
            if (c.get(0) + c.get(1) + c.get(2) + c.get(3) > 0) {
                out.append(format).append(" refused/refused=").append(c.get(0)).append(" refused/loaded=").append(c.get(1))
                        .append(" passed/refused=").append(c.get(2)).append(" passed/loaded=").append(c.get(3)).append("; ");
            }
        });
        return out.toString();
    }
}
