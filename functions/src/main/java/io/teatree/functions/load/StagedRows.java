package io.teatree.functions.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.Payload;
import io.teatree.functions.PayloadFormat;
import io.teatree.functions.table.Column;
import io.teatree.functions.table.Identifiers;
import io.teatree.functions.table.SqlErrors;
import io.teatree.functions.table.TableSchema;
import io.teatree.protocol.ProblemType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBConnection;

/**
 * Rows for one table, staged in a {@link TrustedDuckDb} from inline JSON or a payload file, checked against the
 * table's column types (a bad value is reported with its row and column before the model is touched), and
 * handed to the model connection as Arrow batches. Close it after use; not thread-safe.
 */
public final class StagedRows implements RowSource {

    private final TrustedDuckDb db;
    private final TableSchema target;
    private final List<StagedColumn> columns;
    private final long rowCount;
    private final Payload payload;

    private StagedRows(TrustedDuckDb db, TableSchema target, List<StagedColumn> columns, long rowCount, Payload payload) {
        this.db = db;
        this.target = target;
        this.columns = columns;
        this.rowCount = rowCount;
        this.payload = payload;
    }

    /**
     * Stages the context's payload when there is one, the inline {@code rows} otherwise.
     *
     * @param rows inline rows (a JSON array) or null
     * @throws FunctionException for no rows at all, an unreadable payload, an unknown column or a bad value
     */
    public static StagedRows stage(FunctionContext context, JsonNode rows, TableSchema target) throws FunctionException {
        Optional<Payload> payload = context.payload();
        boolean inline = rows != null && !rows.isNull() && !rows.isMissingNode();
        if (payload.isPresent() && inline) {
            throw new FunctionException(ProblemType.BAD_ARGS, "give rows inline or as a payload, not both", "rows");
        }
        if (payload.isEmpty() && !inline) {
            throw new FunctionException(ProblemType.BAD_ARGS, "no rows: give args.rows or a payload", "rows");
        }
        BufferAllocator allocator = context.allocator();
        TrustedDuckDb db = null;
        try {
            db = TrustedDuckDb.open();
            Map<String, Integer> firstRow = Map.of();
            if (payload.isPresent()) {
                PayloadStager.stage(db, payload.get(), allocator);
            } else {
                JsonRowsArrow.Built built = JsonRowsArrow.build(rows, "rows", allocator);
                if (built.root().getFieldVectors().isEmpty()) {
                    built.root().close();
                    StagedRows empty = new StagedRows(db, target, List.of(), rows.size(), null);
                    db = null;
                    return empty;
                }
                firstRow = built.firstRow();
                TrustedDuckDb trusted = db;
                ArrowBridge.withView(new RootReader(allocator, built.root()), db.connection(), allocator, view -> {
                    trusted.execute("CREATE TEMP TABLE raw AS SELECT * FROM " + view);
                    return 0;
                });
            }
            List<StagedColumn> columns = StagedCheck.matchColumns(db, target, firstRow, payload.isPresent());
            long count = StagedCheck.validate(db, target, columns, payload.isPresent());
            StagedRows staged = new StagedRows(db, target, columns, count, payload.orElse(null));
            db = null;
            return staged;
        } catch (SQLException e) {
            throw SqlErrors.toFunctionException(e, "rows");
        } finally {
            closeQuietly(db);
        }
    }

    @Override
    public List<Column> columns() {
        return columns.stream().map(StagedColumn::target).toList();
    }

    @Override
    public long rowCount() {
        return rowCount;
    }

    /** One run, except for JSON payloads whose objects leave keys out ({@link JsonKeyRuns}). */
    @Override
    public List<ColumnRun> runs(List<String> always) throws FunctionException {
        if (payload == null || (payload.format() != PayloadFormat.NDJSON && payload.format() != PayloadFormat.JSON) || rowCount == 0) {
            return List.of(new ColumnRun(0, rowCount, columns()));
        }
        try {
            return JsonKeyRuns.find(db, payload, columns, always, rowCount);
        } catch (SQLException e) {
            throw SqlErrors.toFunctionException(e, "payload");
        }
    }

    @Override
    public long into(FunctionContext context, ColumnRun run, List<String> dedupeKey, ArrowBridge.ViewAction action) throws FunctionException {
        List<String> select = new ArrayList<>();
        for (Column column : run.columns()) {
            StagedColumn c = staged(column.name(), "rows");
            select.add("CAST(" + Identifiers.quote(c.source()) + " AS " + c.stagingType() + ") AS " + Identifiers.quote(c.target().name()));
        }
        String rows = "(SELECT *, rowid AS _staged_row FROM raw"
                + (run.from() == 0 && run.to() >= rowCount ? ""
                        : " WHERE " + JsonKeyRuns.POSITION + " >= " + run.from() + " AND " + JsonKeyRuns.POSITION + " < " + run.to()) + ")";
        String from = rows + " AS raw";
        if (!dedupeKey.isEmpty()) {
            List<String> partition = new ArrayList<>();
            for (String key : dedupeKey) {
                partition.add(Identifiers.quote(staged(key, "key").source()));
            }
            // a window over rowid in QUALIFY trips an internal DuckDB 2.0 error; number the rows first
            from = "(SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY " + String.join(", ", partition)
                    + " ORDER BY _staged_row DESC) AS _staged_rank FROM " + rows + ")"
                    + " WHERE _staged_rank = 1) AS raw";
        }
        String sql = "SELECT " + String.join(", ", select) + " FROM " + from + " ORDER BY _staged_row";
        try {
            DuckDBConnection model = context.connection().unwrap(DuckDBConnection.class);
            return ArrowBridge.transfer(db.connection(), sql, model, context.allocator(), action);
        } catch (SQLException e) {
            throw SqlErrors.toFunctionException(e, target.name().toString());
        }
    }

    private StagedColumn staged(String name, String field) throws FunctionException {
        return columns.stream().filter(sc -> sc.target().name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new FunctionException(ProblemType.BAD_ARGS, ("key".equals(field) ? "key column '" : "column '") + name
                        + "' has no value in the rows", field));
    }

    @Override
    public void close() {
        closeQuietly(db);
    }

    private static void closeQuietly(TrustedDuckDb db) {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException e) {
                // an in-memory database has nothing left to lose
            }
        }
    }
}
