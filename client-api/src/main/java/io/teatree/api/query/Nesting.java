package io.teatree.api.query;

import java.sql.SQLException;
import java.sql.Struct;
import java.util.LinkedHashMap;
import java.util.Map;
import org.duckdb.DuckDBStruct;

/** What the nested-value writers share: the depth they stop at, and a struct's fields in order. */
final class Nesting {

    /** Nested values deeper than this are refused rather than written, so no value can exhaust the stack. */
    static final int MAX_DEPTH = 64;

    private Nesting() {
    }

    /** Fails when a nested value at {@code depth} (0 for the cell itself) is one level too deep. */
    static void check(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new TooDeepException();
        }
    }

    /** The struct's fields by name, in the order of its type. */
    static Map<String, Object> fields(Struct struct) throws SQLException {
        if (struct instanceof DuckDBStruct duck) {
            return duck.getMap();
        }
        Object[] values = struct.getAttributes();
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            fields.put("f" + (i + 1), values[i]);
        }
        return fields;
    }

    /** A nested value deeper than {@link #MAX_DEPTH}; {@link RunningQuery#cell} turns it into a {@link CellTooLargeException}. */
    static final class TooDeepException extends RuntimeException {

        TooDeepException() {
            super(null, null, false, false);
        }
    }
}
