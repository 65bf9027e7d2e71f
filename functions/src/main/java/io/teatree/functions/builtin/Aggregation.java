package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.table.Identifiers;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One aggregation of {@code resample}: an allowed function over a column, written {@code "sum(x)"} or
 * {@code {"fn": "sum", "column": "x"}}. {@code first} and {@code last} take the value at the earliest and latest
 * time in the bucket.
 *
 * @param output the column it fills
 * @param fn     the function, lower case
 * @param column the input column, or {@code *} for {@code count(*)}
 */
public record Aggregation(String output, String fn, String column) {

    private static final Pattern CALL = Pattern.compile("^\\s*([A-Za-z_]+)\\s*\\(\\s*(\\*|[A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*$");

    private static final Map<String, String> FUNCTIONS = Map.of("sum", "sum", "avg", "avg", "mean", "avg", "min", "min",
            "max", "max", "count", "count", "median", "median", "first", "arg_min", "last", "arg_max", "stddev", "stddev_samp");

    static Aggregation parse(String output, JsonNode spec, String field) {
        Identifiers.require(output, field);
        String fn;
        String column;
        if (spec.isTextual()) {
            Matcher m = CALL.matcher(spec.textValue());
            if (!m.matches()) {
                throw new InvalidFieldException(field, field + " must look like \"sum(column)\", got '" + spec.textValue() + "'");
            }
            fn = m.group(1);
            column = m.group(2);
        } else if (spec.isObject() && spec.path("fn").isTextual() && spec.path("column").isTextual()) {
            fn = spec.get("fn").textValue();
            column = spec.get("column").textValue();
        } else {
            throw new InvalidFieldException(field, field + " must be \"fn(column)\" or {\"fn\": ..., \"column\": ...}");
        }
        fn = fn.toLowerCase(Locale.ROOT);
        if (!FUNCTIONS.containsKey(fn)) {
            throw new InvalidFieldException(field, "unknown aggregation '" + fn + "'; use one of " + String.join(", ", new java.util.TreeSet<>(FUNCTIONS.keySet())));
        }
        if (column.equals("*") && !fn.equals("count")) {
            throw new InvalidFieldException(field, "only count accepts *");
        }
        if (!column.equals("*")) {
            Identifiers.require(column, field);
        }
        return new Aggregation(output, fn, column);
    }

    /** The SQL expression, e.g. {@code sum("x")} or {@code arg_min("x", "ts")} for {@code first}. */
    String sql(String timeColumn) {
        String sqlFn = FUNCTIONS.get(fn);
        String arg = column.equals("*") ? "*" : Identifiers.quote(column);
        if (fn.equals("first") || fn.equals("last")) {
            return sqlFn + "(" + arg + ", " + Identifiers.quote(timeColumn) + ")";
        }
        return sqlFn + "(" + arg + ")";
    }
}
