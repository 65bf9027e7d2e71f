package com.example.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.teatree.functions.ErrorType;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.TeatreeFunction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/** {@code scale}: multiplies a numeric column of a table by a factor, e.g. to restate goals in another unit. */
public final class ScaleFunction implements TeatreeFunction<ScaleFunction.Args> {

    /** The parsed arguments: {@code {"table": "goals", "column": "amount", "factor": 1.5}}. */
    public record Args(String table, String column, double factor) {
    }

    /** The ways {@code scale} fails, added to the standard problem types. */
    public enum ScaleError implements ErrorType {
        NO_SUCH_COLUMN("scale-no-such-column", "Column to scale not found"),
        NOT_NUMERIC("scale-not-numeric", "Column to scale is not numeric");

        private final String slug;
        private final String title;

        ScaleError(String slug, String title) {
            this.slug = slug;
            this.title = title;
        }

        @Override public String slug() { return slug; }
        @Override public int status() { return 422; }
        @Override public String title() { return title; }
    }

    private static final Pattern IDENTIFIER = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
    private static final List<String> NUMERIC = List.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "FLOAT", "DOUBLE", "DECIMAL");

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public List<ScaleError> errorTypes() {
        return List.of(ScaleError.values());
    }

    @Override
    public Args parseArgs(JsonNode args) {
        JsonNode factor = args.path("factor");
        if (!factor.isNumber()) {
            throw new InvalidFieldException("factor", "'factor' must be a number");
        }
        return new Args(identifier(args, "table"), identifier(args, "column"), factor.doubleValue());
    }

    @Override
    public JsonNode apply(FunctionContext context, Args args) throws FunctionException {
        try {
            String type = columnType(context, args);
            if (NUMERIC.stream().noneMatch(type::startsWith)) {
                throw new FunctionException(ScaleError.NOT_NUMERIC,
                        "column '" + args.column() + "' of table '" + args.table() + "' is " + type, "column");
            }
            String column = "\"" + args.column() + "\"";
            try (PreparedStatement update = context.connection().prepareStatement(
                    "UPDATE \"" + args.table() + "\" SET " + column + " = " + column + " * ?")) {
                update.setDouble(1, args.factor());
                return JsonNodeFactory.instance.objectNode().put("rows", update.executeUpdate());
            }
        } catch (SQLException e) {
            throw new FunctionException(ScaleError.NOT_NUMERIC, "cannot scale: " + e.getMessage(), "column", e);
        }
    }

    /** Reads the column's type from the catalog, which never aborts the transaction. */
    private static String columnType(FunctionContext context, Args args) throws SQLException, FunctionException {
        try (PreparedStatement ps = context.connection().prepareStatement(
                "SELECT data_type FROM information_schema.columns WHERE table_name = ? AND column_name = ?")) {
            ps.setString(1, args.table());
            ps.setString(2, args.column());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new FunctionException(ScaleError.NO_SUCH_COLUMN,
                            "table '" + args.table() + "' has no column '" + args.column() + "'", "column");
                }
                return rs.getString(1);
            }
        }
    }

    private static String identifier(JsonNode args, String field) {
        String value = args.path(field).asText(null);
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new InvalidFieldException(field, "'" + field + "' must match " + IDENTIFIER.pattern());
        }
        return value;
    }
}
