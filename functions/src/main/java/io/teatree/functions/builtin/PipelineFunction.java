package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.sandbox.SqlGuard;
import io.teatree.functions.table.Identifiers;
import io.teatree.functions.table.TableName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code pipeline {stages:[{name, sql}], target, params}}: named SELECT stages chained as common table
 * expressions (a stage reads earlier stages by name), the last stage written to the target table (created or
 * replaced). {@code ${param}} placeholders take the validated scalar params as SQL literals. Each stage must
 * be a single read-only query ({@link SqlGuard#checkReadOnly}): DDL or DML inside a stage is refused.
 */
public final class PipelineFunction extends BuiltinFunction<PipelineFunction.Args> {

    /** True: its stages are the intent's SQL. */
    @Override
    public boolean runsUserSql() {
        return true;
    }

    /** @param sql the stage's query with params already substituted */
    public record Stage(String name, String sql) {
    }

    public record Args(List<Stage> stages, TableName target) {
    }

    public PipelineFunction() {
        super("pipeline", "stages", "target", "params");
    }

    @Override
    Args parse(JsonNode args) {
        TableName target = ArgReader.table(args, "target");
        Map<String, String> params = PipelineParams.parse(args.get("params"));
        JsonNode given = ArgReader.array(args, "stages");
        List<Stage> stages = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String prefix = "stages[" + i + "]";
            JsonNode stage = given.get(i);
            if (!stage.isObject()) {
                throw new InvalidFieldException(prefix, prefix + " must be {\"name\": ..., \"sql\": ...}");
            }
            String name = ArgReader.identifier(stage, "name");
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidFieldException(prefix + ".name", "stage name '" + name + "' is used twice");
            }
            String sql = PipelineParams.substitute(textField(stage, prefix + ".sql"), params, prefix + ".sql");
            stages.add(new Stage(name, SqlGuard.checkReadOnly(sql, prefix + ".sql")));
        }
        return new Args(List.copyOf(stages), target);
    }

    @Override
    public JsonNode apply(FunctionContext context, Args args) throws FunctionException {
        List<String> ctes = new ArrayList<>();
        for (Stage stage : args.stages()) {
            ctes.add(Identifiers.quote(stage.name()) + " AS (\n" + stage.sql() + "\n)");
        }
        String last = Identifiers.quote(args.stages().getLast().name());
        ModelSql.update(context.connection(), "CREATE OR REPLACE TABLE " + args.target().sql() + " AS WITH "
                + String.join(", ", ctes) + " SELECT * FROM " + last, "stages");
        return Results.rows(ModelSql.count(context.connection(), args.target().sql(), "target")).put("stages", args.stages().size());
    }

    private static String textField(JsonNode stage, String field) {
        JsonNode sql = stage.get("sql");
        if (sql == null || !sql.isTextual() || sql.textValue().isBlank()) {
            throw new InvalidFieldException(field, field + " must be a SELECT statement");
        }
        return sql.textValue();
    }

}
