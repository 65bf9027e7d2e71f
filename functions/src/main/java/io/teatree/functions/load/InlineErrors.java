package io.teatree.functions.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionException;
import io.teatree.functions.table.SqlErrors;
import io.teatree.functions.table.TableName;
import io.teatree.protocol.ProblemType;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns DuckDB's refusal of an {@link InlineInsert} into a problem that names the row and column: the value
 * DuckDB quoted, the column it named, or the first row without a value for a NOT NULL column.
 */
final class InlineErrors {

    private static final Pattern CONVERT = Pattern.compile("Could not convert (?:string )?['\"](.*)['\"] to ([A-Z0-9_(), ]+)");
    private static final Pattern NO_COLUMN = Pattern.compile("does not have a column with name ['\"]([^'\"]+)['\"]");
    private static final Pattern NOT_NULL = Pattern.compile("NOT NULL constraint failed: (?:[^.\\s]+\\.)?([^\\s]+)");

    private InlineErrors() {
    }

    static FunctionException describe(SQLException e, TableName table, JsonNode rows, List<String> columns, int from, int to) {
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("").strip();
        if (message.contains("Table with name")) {
            return SqlErrors.toFunctionException(e, "table");
        }
        Matcher convert = CONVERT.matcher(message);
        if (convert.find()) {
            String field = rowOf(rows, columns, from, to, convert.group(1));
            return new FunctionException(ProblemType.TYPE_MISMATCH, "value '" + convert.group(1) + "' in " + field
                    + " does not fit type " + convert.group(2).strip() + " of table '" + table + "'", field, e);
        }
        Matcher noColumn = NO_COLUMN.matcher(message);
        if (noColumn.find()) {
            return SqlErrors.toFunctionException(e, firstWith(rows, noColumn.group(1), from, to, false));
        }
        Matcher notNull = NOT_NULL.matcher(message);
        if (notNull.find()) {
            return SqlErrors.toFunctionException(e, firstWith(rows, notNull.group(1), from, to, true));
        }
        return SqlErrors.toFunctionException(e, table.name());
    }

    /** {@code rows[i].column} of the first value equal to {@code text}, or {@code rows}. */
    private static String rowOf(JsonNode rows, List<String> columns, int from, int to, String text) {
        for (int r = from; r < to; r++) {
            for (String c : columns) {
                JsonNode v = rows.get(r).get(c);
                if (v != null && !v.isNull() && (v.isTextual() ? v.textValue() : v.toString()).equals(text)) {
                    return "rows[" + r + "]." + c;
                }
            }
        }
        return "rows";
    }

    /** The first row that gives {@code column} (or, when {@code missing}, gives no value for it). */
    private static String firstWith(JsonNode rows, String column, int from, int to, boolean missing) {
        for (int r = from; r < to; r++) {
            JsonNode row = rows.get(r);
            String key = keyOf(row, column);
            boolean absent = key == null || row.get(key).isNull();
            if (missing == absent) {
                return "rows[" + r + "]." + (key == null ? column : key);
            }
        }
        return "rows";
    }

    private static String keyOf(JsonNode row, String column) {
        var names = row.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.equalsIgnoreCase(column)) {
                return name;
            }
        }
        return null;
    }
}
