package io.teatree.functions.builtin;

import io.teatree.functions.InvalidFieldException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The DuckDB column types {@code create_table} accepts, normalised to DuckDB's spelling. Stateless. */
final class ColumnTypes {

    private static final Map<String, String> SCALARS = Map.ofEntries(
            Map.entry("BOOLEAN", "BOOLEAN"), Map.entry("BOOL", "BOOLEAN"),
            Map.entry("TINYINT", "TINYINT"), Map.entry("SMALLINT", "SMALLINT"),
            Map.entry("INTEGER", "INTEGER"), Map.entry("INT", "INTEGER"),
            Map.entry("BIGINT", "BIGINT"), Map.entry("HUGEINT", "HUGEINT"),
            Map.entry("UTINYINT", "UTINYINT"), Map.entry("USMALLINT", "USMALLINT"),
            Map.entry("UINTEGER", "UINTEGER"), Map.entry("UBIGINT", "UBIGINT"),
            Map.entry("FLOAT", "FLOAT"), Map.entry("REAL", "FLOAT"), Map.entry("DOUBLE", "DOUBLE"),
            Map.entry("DECIMAL", "DECIMAL(18,3)"), Map.entry("NUMERIC", "DECIMAL(18,3)"),
            Map.entry("VARCHAR", "VARCHAR"), Map.entry("TEXT", "VARCHAR"), Map.entry("STRING", "VARCHAR"),
            Map.entry("DATE", "DATE"), Map.entry("TIME", "TIME"), Map.entry("TIMESTAMP", "TIMESTAMP"),
            Map.entry("TIMESTAMPTZ", "TIMESTAMPTZ"), Map.entry("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ"),
            Map.entry("INTERVAL", "INTERVAL"), Map.entry("UUID", "UUID"), Map.entry("BLOB", "BLOB"),
            Map.entry("JSON", "JSON"));

    private static final Pattern DECIMAL = Pattern.compile("^(?:DECIMAL|NUMERIC)\\s*\\(\\s*(\\d{1,2})\\s*(?:,\\s*(\\d{1,2})\\s*)?\\)$");

    private ColumnTypes() {
    }

    /**
     * The DuckDB spelling of {@code type}, or an error naming {@code field} that lists the accepted types.
     */
    static String normalize(String type, String field) {
        String upper = type == null ? "" : type.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        String scalar = SCALARS.get(upper);
        if (scalar != null) {
            return scalar;
        }
        Matcher m = DECIMAL.matcher(upper);
        if (m.matches()) {
            int precision = Integer.parseInt(m.group(1));
            int scale = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            if (precision < 1 || precision > 38 || scale > precision) {
                throw new InvalidFieldException(field, "DECIMAL(p,s) needs 1 <= p <= 38 and 0 <= s <= p, got " + type);
            }
            return "DECIMAL(" + precision + "," + scale + ")";
        }
        Set<String> known = new TreeSet<>(SCALARS.keySet());
        throw new InvalidFieldException(field, "unsupported column type '" + type + "'; use one of " + String.join(", ", known)
                + " or DECIMAL(p,s)");
    }
}
