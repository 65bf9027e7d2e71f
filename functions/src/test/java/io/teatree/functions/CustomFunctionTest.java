package io.teatree.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.table.Column;
import io.teatree.functions.table.Identifiers;
import io.teatree.functions.table.SqlErrors;
import io.teatree.functions.table.TableName;
import io.teatree.functions.table.TableSchema;
import io.teatree.functions.testing.ModelDb;
import io.teatree.protocol.Json;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of docs/functions.md ("Writing your own function") compiles and works as described. */
class CustomFunctionTest {

    public static final class ScaleFunction implements TeatreeFunction<ScaleFunction.Args> {
        public record Args(TableName table, String column, double factor) {}

        @Override public String name() { return "scale"; }

        @Override public Args parseArgs(JsonNode args) {
            JsonNode factor = args.path("factor");
            if (!factor.isNumber()) throw new InvalidFieldException("factor", "'factor' must be a number");
            return new Args(TableName.parse(args.path("table").asText(null), "table"),
                    Identifiers.require(args.path("column").asText(null), "column"), factor.doubleValue());
        }

        @Override public JsonNode apply(FunctionContext context, Args args) throws FunctionException {
            TableSchema table = TableSchema.require(context.connection(), args.table(), "table");
            Column column = table.requireColumn(args.column(), "column");
            try (PreparedStatement ps = context.connection().prepareStatement(
                    "UPDATE " + table.name().sql() + " SET " + Identifiers.quote(column.name()) + " = "
                            + Identifiers.quote(column.name()) + " * ?")) {
                ps.setDouble(1, args.factor());
                return Json.MAPPER.createObjectNode().put("rows", ps.executeUpdate());
            } catch (SQLException e) {
                throw SqlErrors.toFunctionException(e, "column");
            }
        }
    }

    @Test
    void theDocumentedExampleScalesAColumn() throws Exception {
        try (ModelDb db = ModelDb.open("CREATE TABLE goals (site VARCHAR, amount DOUBLE)", "INSERT INTO goals VALUES ('a', 10), ('b', 20)")) {
            ScaleFunction scale = new ScaleFunction();

            assertThat(db.apply(scale, "{\"table\": \"goals\", \"column\": \"amount\", \"factor\": 1.5}").get("rows").asInt()).isEqualTo(2);
            assertThat(db.rows("SELECT site, amount FROM goals ORDER BY site")).containsExactly(List.of("a", "15.0"), List.of("b", "30.0"));
            assertThatThrownBy(() -> db.apply(scale, "{\"table\": \"goals\", \"column\": \"price\", \"factor\": 2}"))
                    .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.field()).isEqualTo("column"));
        }
    }
}
