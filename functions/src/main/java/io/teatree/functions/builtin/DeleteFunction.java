package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.sandbox.SqlGuard;
import io.teatree.functions.table.SqlErrors;
import io.teatree.functions.table.TableName;
import io.teatree.functions.table.TableSchema;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code delete {table, where, params}}: deletes the rows matching a predicate. The predicate is user SQL
 * checked by {@link SqlGuard#checkPredicate}; values are never spliced into it but bound to its {@code ?}
 * parameters.
 */
public final class DeleteFunction extends BuiltinFunction<DeleteFunction.Args> {

    /** True: its {@code where} is the intent's SQL. */
    @Override
    public boolean runsUserSql() {
        return true;
    }

    /**
     * @param where  a boolean SQL expression with {@code ?} parameters
     * @param params one JSON scalar per {@code ?}, in order
     */
    public record Args(TableName table, String where, List<Object> params) {
    }

    public DeleteFunction() {
        super("delete", "table", "where", "params");
    }

    @Override
    Args parse(JsonNode args) {
        TableName table = ArgReader.table(args, "table");
        String where = ArgReader.text(args, "where");
        int expected = SqlGuard.checkPredicate(where, "where");
        List<Object> params = new ArrayList<>();
        JsonNode given = args.get("params");
        if (given != null && !given.isNull()) {
            if (!given.isArray()) {
                throw new InvalidFieldException("params", "'params' must be an array of values");
            }
            for (int i = 0; i < given.size(); i++) {
                params.add(scalar(given.get(i), "params[" + i + "]"));
            }
        }
        if (params.size() != expected) {
            throw new InvalidFieldException("params", "'where' has " + expected + " ? parameter(s) but " + params.size() + " value(s) were given");
        }
        return new Args(table, where, java.util.Collections.unmodifiableList(params));
    }

    @Override
    public JsonNode apply(FunctionContext context, Args args) throws FunctionException {
        TableSchema target = TableSchema.require(context.connection(), args.table(), "table");
        try (PreparedStatement ps = context.connection().prepareStatement(
                "DELETE FROM " + target.name().sql() + " WHERE (" + args.where() + ")")) {
            for (int i = 0; i < args.params().size(); i++) {
                ps.setObject(i + 1, args.params().get(i));
            }
            return Results.rows(ps.executeLargeUpdate());
        } catch (SQLException e) {
            throw SqlErrors.toFunctionException(e, "where");
        }
    }

    private static Object scalar(JsonNode value, String field) {
        if (value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.isBigDecimal() ? value.decimalValue() : BigDecimal.valueOf(value.doubleValue());
        }
        throw new InvalidFieldException(field, field + " must be a string, number, boolean or null");
    }
}
