package io.teatree.functions.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.table.Column;
import io.teatree.functions.table.Identifiers;
import io.teatree.functions.table.TableSchema;
import io.teatree.protocol.ProblemType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rows on their way into one model table, from inline JSON ({@link InlineRows}) or a payload file
 * ({@link StagedRows}), exposed to the model connection as Arrow batches with the table's column types.
 * Close it after use; not thread-safe.
 */
public interface RowSource extends AutoCloseable {

    /**
     * The rows of an intent: the context's payload when there is one, the inline {@code rows} otherwise.
     *
     * @param rows inline rows (a JSON array of objects) or null
     * @throws FunctionException for no rows at all, both kinds at once, an unreadable payload, an unknown
     *                           column or (for payloads) a value that does not convert
     */
    static RowSource open(FunctionContext context, JsonNode rows, TableSchema target) throws FunctionException {
        boolean inline = rows != null && !rows.isNull() && !rows.isMissingNode();
        if (context.payload().isPresent() && inline) {
            throw new FunctionException(ProblemType.BAD_ARGS, "give rows inline or as a payload, not both", "rows");
        }
        if (context.payload().isEmpty() && !inline) {
            throw new FunctionException(ProblemType.BAD_ARGS, "no rows: give args.rows or a payload", "rows");
        }
        return inline ? InlineRows.of(rows, target) : StagedRows.stage(context, null, target);
    }

    /** The target's columns that the rows give values for. */
    List<Column> columns();

    long rowCount();

    /** The quoted column list, e.g. {@code "id", "amount"}. */
    default String columnList() {
        return columns().stream().map(c -> Identifiers.quote(c.name())).collect(Collectors.joining(", "));
    }

    /**
     * Exposes the rows, cast to the table's types, to the model connection during {@code action}, which gets
     * a relation to use after {@code FROM} or {@code USING}.
     *
     * @param dedupeKey when not empty, only the last row of each key is kept
     * @return what {@code action} returned
     * @throws FunctionException naming the row and column of a bad value, or the table for other errors
     */
    default long into(FunctionContext context, List<String> dedupeKey, ArrowBridge.ViewAction action) throws FunctionException {
        return into(context, new ColumnRun(0, rowCount(), columns()), dedupeKey, action);
    }

    /**
     * The rows split into consecutive runs that give the same columns, in row order, for writers that must leave a
     * column a row does not give untouched ({@code upsert}). A column that is {@code null} in a row counts as
     * given; only a key the row leaves out makes a difference, so sources whose rows all have the same columns
     * (CSV, Arrow, Parquet, or JSON rows that give every column) are one run.
     *
     * @param always columns every run includes whether its rows give them or not (the key columns): a row that
     *               leaves one out has NULL there
     */
    List<ColumnRun> runs(List<String> always) throws FunctionException;

    /**
     * As {@link #into(FunctionContext, List, ArrowBridge.ViewAction)}, for the rows and columns of one
     * {@linkplain #runs run} only.
     */
    long into(FunctionContext context, ColumnRun run, List<String> dedupeKey, ArrowBridge.ViewAction action) throws FunctionException;

    @Override
    void close();
}
