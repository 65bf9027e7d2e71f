package io.teatree.functions.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.table.Column;
import io.teatree.functions.table.Identifiers;
import io.teatree.functions.table.SqlErrors;
import io.teatree.functions.table.TableSchema;
import io.teatree.protocol.ProblemType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/**
 * Inline JSON rows, handed to the model connection as one Arrow batch of text columns and cast to the
 * table's types in the same {@code INSERT ... SELECT}. This is the fast path for small intents. When the
 * statement fails, the rows are checked in the staging database ({@link StagedRows}) so the failure names
 * the row and column of the bad value ({@code rows[3].amount}). A {@linkplain #runs run} of rows that give the
 * same columns goes as a batch of its own, with only those columns.
 */
final class InlineRows implements RowSource {

    private final JsonNode rows;
    private final TableSchema target;
    private final List<Column> columns;

    private InlineRows(JsonNode rows, TableSchema target, List<Column> columns) {
        this.rows = rows;
        this.target = target;
        this.columns = columns;
    }

    /** Matches the rows' keys to the table's columns, failing for an unknown column or a missing NOT NULL one. */
    static InlineRows of(JsonNode rows, TableSchema target) throws FunctionException {
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, Integer> firstRow = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Iterator<String> names = rows.get(i).fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (keys.putIfAbsent(name.toLowerCase(Locale.ROOT), name) == null) {
                    firstRow.put(name, i);
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        Set<String> given = new HashSet<>();
        for (String key : keys.values()) {
            Column column = target.requireColumn(key, "rows[" + firstRow.get(key) + "]." + key);
            columns.add(column);
            given.add(column.name().toLowerCase(Locale.ROOT));
        }
        if (!rows.isEmpty() && !columns.isEmpty()) {
            for (Column column : target.columns()) {
                if (!column.nullable() && !column.hasDefault() && !given.contains(column.name().toLowerCase(Locale.ROOT))) {
                    throw new FunctionException(ProblemType.CONSTRAINT_VIOLATION, "column '" + column.name() + "' of table '" + target.name()
                            + "' is NOT NULL and has no default, but the rows give no value for it", "rows[0]." + column.name());
                }
            }
        }
        return new InlineRows(rows, target, List.copyOf(columns));
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public long rowCount() {
        return rows.size();
    }

    @Override
    public List<ColumnRun> runs(List<String> always) {
        Set<String> forced = new HashSet<>();
        always.forEach(k -> forced.add(k.toLowerCase(Locale.ROOT)));
        List<ColumnRun> runs = new ArrayList<>();
        Set<String> previous = null;
        int from = 0;
        for (int i = 0; i < rows.size(); i++) {
            Set<String> given = new HashSet<>(forced);
            rows.get(i).fieldNames().forEachRemaining(name -> given.add(name.toLowerCase(Locale.ROOT)));
            if (previous != null && !given.equals(previous)) {
                runs.add(run(from, i, previous));
                from = i;
            }
            previous = given;
        }
        if (previous != null) {
            runs.add(run(from, rows.size(), previous));
        }
        return runs;
    }

    private ColumnRun run(int from, int to, Set<String> given) {
        return new ColumnRun(from, to, columns.stream().filter(c -> given.contains(c.name().toLowerCase(Locale.ROOT))).toList());
    }

    @Override
    public long into(FunctionContext context, ColumnRun run, List<String> dedupeKey, ArrowBridge.ViewAction action) throws FunctionException {
        JsonNode slice = slice(run);
        try {
            DuckDBConnection model = context.connection().unwrap(DuckDBConnection.class);
            JsonRowsArrow.Built built = JsonRowsArrow.build(slice, "rows", context.allocator(), JsonRowsArrow.ROW_INDEX);
            Map<String, String> spelled = new HashMap<>();
            built.firstRow().keySet().forEach(name -> spelled.put(name.toLowerCase(Locale.ROOT), Identifiers.quote(name)));
            List<String> select = new ArrayList<>();
            for (Column column : run.columns()) {
                select.add("CAST(" + spelled.getOrDefault(column.name().toLowerCase(Locale.ROOT), "NULL") + " AS " + column.type() + ") AS "
                        + Identifiers.quote(column.name()));
            }
            List<String> partition = dedupeKey.stream().map(k -> spelled.getOrDefault(k.toLowerCase(Locale.ROOT), "NULL")).toList();
            return ArrowBridge.withView(new RootReader(context.allocator(), built.root()), model, context.allocator(),
                    view -> action.run("(SELECT " + String.join(", ", select) + " FROM " + source(view, partition)
                            + " ORDER BY " + JsonRowsArrow.ROW_INDEX + ")"));
        } catch (SQLException e) {
            throw diagnose(context, e);
        }
    }

    /** The rows of {@code run}: all of them when it spans them, else a new array holding those rows. */
    private JsonNode slice(ColumnRun run) {
        if (run.from() == 0 && run.to() == rows.size()) {
            return rows;
        }
        ArrayNode slice = JsonNodeFactory.instance.arrayNode((int) (run.to() - run.from()));
        for (long i = run.from(); i < run.to(); i++) {
            slice.add(rows.get((int) i));
        }
        return slice;
    }

    private static String source(String view, List<String> partition) {
        if (partition.isEmpty()) {
            return view;
        }
        return "(SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY " + String.join(", ", partition) + " ORDER BY "
                + JsonRowsArrow.ROW_INDEX + " DESC) AS _staged_rank FROM " + view + ") WHERE _staged_rank = 1)";
    }

    /** Finds the bad value behind a failed statement in the staging database, or reports the statement's error. */
    private FunctionException diagnose(FunctionContext context, SQLException failure) {
        try (StagedRows staged = StagedRows.stage(context, rows, target)) {
            return SqlErrors.toFunctionException(failure, target.name().toString());
        } catch (FunctionException precise) {
            return precise;
        }
    }

    @Override
    public void close() {
        // nothing is held between calls
    }
}
