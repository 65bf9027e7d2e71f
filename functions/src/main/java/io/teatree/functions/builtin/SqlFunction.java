package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.sandbox.SqlGuard;
import io.teatree.protocol.Json;
import io.teatree.protocol.ProblemType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sql {statements:[...]}}: runs DDL and DML statements in order, for owners only. Each statement is
 * checked by {@link SqlGuard#check} when the intent is parsed and again before it runs (arguments built
 * without {@link #parseArgs} fail with {@code sandbox-violation}), and runs on the sandboxed connection.
 */
public final class SqlFunction extends BuiltinFunction<SqlFunction.Args> {

    /** True: its statements are the intent's SQL. */
    @Override
    public boolean runsUserSql() {
        return true;
    }

    /** @param statements one statement per string */
    public record Args(List<String> statements) {
    }

    public SqlFunction() {
        super("sql", "statements");
    }

    @Override
    public boolean ownerOnly() {
        return true;
    }

    @Override
    Args parse(JsonNode args) {
        JsonNode given = ArgReader.array(args, "statements");
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String field = "statements[" + i + "]";
            if (!given.get(i).isTextual()) {
                throw new InvalidFieldException(field, field + " must be a SQL string");
            }
            statements.add(SqlGuard.check(given.get(i).textValue(), field));
        }
        return new Args(List.copyOf(statements));
    }

    @Override
    public JsonNode apply(FunctionContext context, Args args) throws FunctionException {
        ObjectNode result = Json.MAPPER.createObjectNode().put("statements", args.statements().size());
        ArrayNode counts = result.putArray("rows");
        for (int i = 0; i < args.statements().size(); i++) {
            String field = "statements[" + i + "]";
            String statement;
            try {
                statement = SqlGuard.check(args.statements().get(i), field);
            } catch (InvalidFieldException e) {
                throw new FunctionException(ProblemType.SANDBOX_VIOLATION, e.getMessage(), field);
            }
            counts.add(ModelSql.update(context.connection(), statement, field));
        }
        return result;
    }
}
