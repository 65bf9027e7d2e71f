package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.load.ColumnRun;
import io.teatree.functions.load.RowSource;
import io.teatree.functions.table.Column;
import io.teatree.functions.table.Identifiers;
import io.teatree.functions.table.TableSchema;
import io.teatree.protocol.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code upsert {table, key:[...], rows}} or with a payload: inserts rows whose key is new and updates the
 * columns a row gives of rows whose key exists; a column the row leaves out keeps its value (an explicit
 * {@code null} sets NULL). When the key is the table's primary key or a unique constraint this is
 * {@code INSERT ... ON CONFLICT (key) DO UPDATE}; otherwise DuckDB's {@code MERGE INTO} matching on the key
 * columns. One statement per {@linkplain RowSource#runs run} of consecutive rows that give the same columns
 * (one for most intents), in row order, all in the intent's transaction; when a key appears more than once in
 * the rows, the last row wins. Rows whose key has a NULL never match an existing row.
 */
public final class UpsertFunction extends RowsFunction {

    public UpsertFunction() {
        super("upsert", "table", "rows", "key");
    }

    /** The table, the rows and the key columns. */
    @Override
    RowsArgs parse(JsonNode args) {
        return RowsArgs.parse(args, true);
    }

    @Override
    public JsonNode apply(FunctionContext context, RowsArgs args) throws FunctionException {
        TableSchema target = TableSchema.require(context.connection(), args.table(), "table");
        List<String> key = new ArrayList<>();
        for (int i = 0; i < args.key().size(); i++) {
            key.add(target.requireColumn(args.key().get(i), "key[" + i + "]").name());
        }
        try (RowSource rows = RowSource.open(context, args.rows(), target)) {
            if (rows.rowCount() == 0) {
                return Results.rows(0);
            }
            RowWriter.requireColumns(rows);
            for (int i = 0; i < key.size(); i++) {
                String k = key.get(i);
                if (rows.columns().stream().noneMatch(c -> c.name().equalsIgnoreCase(k))) {
                    throw new FunctionException(ProblemType.BAD_ARGS, "key column '" + k + "' has no value in the rows", "key[" + i + "]");
                }
            }
            boolean unique = uniqueKey(context, target, key);
            long n = 0;
            for (ColumnRun run : rows.runs(key)) {
                String sql = unique ? onConflict(target, run, key) : merge(target, run, key);
                n += rows.into(context, run, key, view -> ModelSql.update(context.connection(), sql.replace("$SOURCE", view)));
            }
            return Results.rows(n).put("method", unique ? "on_conflict" : "merge");
        }
    }

    private static boolean uniqueKey(FunctionContext context, TableSchema target, List<String> key) throws FunctionException {
        try {
            return target.isUniqueKey(context.connection(), key);
        } catch (java.sql.SQLException e) {
            throw io.teatree.functions.table.SqlErrors.toFunctionException(e, "key");
        }
    }

    private static String onConflict(TableSchema target, ColumnRun run, List<String> key) {
        String columns = run.columnList();
        List<String> updates = nonKey(run, key).stream().map(c -> c + " = EXCLUDED." + c).toList();
        return "INSERT INTO " + target.name().sql() + " (" + columns + ") SELECT " + columns + " FROM $SOURCE"
                + " ON CONFLICT (" + quoted(key) + ") " + (updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + String.join(", ", updates));
    }

    private static String merge(TableSchema target, ColumnRun run, List<String> key) {
        String on = key.stream().map(Identifiers::quote).map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
        List<String> updates = nonKey(run, key).stream().map(c -> c + " = s." + c).toList();
        String values = run.columns().stream().map(c -> "s." + Identifiers.quote(c.name())).collect(Collectors.joining(", "));
        return "MERGE INTO " + target.name().sql() + " AS t USING $SOURCE AS s ON (" + on + ")"
                + (updates.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET " + String.join(", ", updates))
                + " WHEN NOT MATCHED THEN INSERT (" + run.columnList() + ") VALUES (" + values + ")";
    }

    private static List<String> nonKey(ColumnRun run, List<String> key) {
        return run.columns().stream().map(Column::name).filter(c -> key.stream().noneMatch(c::equalsIgnoreCase))
                .map(Identifiers::quote).toList();
    }

    private static String quoted(List<String> names) {
        return names.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }
}
