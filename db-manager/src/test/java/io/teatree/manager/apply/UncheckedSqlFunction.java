package io.teatree.manager.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.TeatreeFunction;
import io.teatree.protocol.Json;
import io.teatree.protocol.ProblemType;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A stand-in for a hole in the SQL guard: a plugin function that runs the intent's {@code sql} verbatim, unchecked.
 * It lets tests prove that the structural layer (the reserved-state fingerprint) holds on its own.
 */
public final class UncheckedSqlFunction implements TeatreeFunction<String> {

    @Override
    public String name() {
        return "unchecked_sql";
    }

    @Override
    public String parseArgs(JsonNode args) {
        return args.path("sql").asText();
    }

    @Override
    public JsonNode apply(FunctionContext context, String sql) throws FunctionException {
        try (Statement s = context.connection().createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new FunctionException(ProblemType.BAD_SQL, e.getMessage(), "sql");
        }
        return Json.MAPPER.createObjectNode();
    }
}
