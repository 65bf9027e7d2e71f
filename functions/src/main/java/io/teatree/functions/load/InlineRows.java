package io.teatree.functions.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.table.Column;
import io.teatree.functions.table.Identifiers;
import io.teatree.functions.table.SqlErrors;
import io.teatree.functions.table.TableSchema;
import io.teatree.protocol.ProblemType;
import java.sql.SQLException;
import java.util.ArrayList;
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
 * the row and column of the bad value ({@code rows[3].amount}).
 */
final class InlineRows implements RowSource {

    private final JsonNode rows;
    private final TableSchema target;
    private final List<Column> columns;
    private final List<String> keys;

    private InlineRows(JsonNode rows, TableSchema target, List<Column> columns, List<String> keys) {
        this.rows = rows;
        this.target = target;
        this.columns = columns;
        this.keys = keys;
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
        return new InlineRows(rows, target, List.copyOf(columns), List.copyOf(keys.values()));
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
    public long into(FunctionContext context, List<String> dedupeKey, ArrowBridge.ViewAction action) throws FunctionException {
        List<String> select = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            select.add("CAST(" + Identifiers.quote(keys.get(i)) + " AS " + columns.get(i).type() + ") AS " + Identifiers.quote(columns.get(i).name()));
        }
        try {
            DuckDBConnection model = context.connection().unwrap(DuckDBConnection.class);
            JsonRowsArrow.Built built = JsonRowsArrow.build(rows, "rows", context.allocator(), JsonRowsArrow.ROW_INDEX);
            return ArrowBridge.withView(new RootReader(context.allocator(), built.root()), model, context.allocator(),
                    view -> action.run("(SELECT " + String.join(", ", select) + " FROM " + source(view, dedupeKey)
                            + " ORDER BY " + JsonRowsArrow.ROW_INDEX + ")"));
        } catch (SQLException e) {
            throw diagnose(context, e);
        }
    }

    private String source(String view, List<String> dedupeKey) {
        if (dedupeKey.isEmpty()) {
            return view;
        }
        List<String> partition = new ArrayList<>();
        for (String key : dedupeKey) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equalsIgnoreCase(key)) {
                    partition.add(Identifiers.quote(keys.get(i)));
                }
            }
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
