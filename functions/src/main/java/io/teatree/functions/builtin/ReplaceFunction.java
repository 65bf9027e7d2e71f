package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.load.RowSource;
import io.teatree.functions.table.TableSchema;

/**
 * {@code replace {table, rows}} or with a payload: deletes every row of the table and inserts the new ones,
 * inside the intent's transaction, so readers see either the old or the new contents.
 */
public final class ReplaceFunction extends RowsFunction {

    public ReplaceFunction() {
        super("replace", "table", "rows");
    }

    @Override
    public JsonNode apply(FunctionContext context, RowsArgs args) throws FunctionException {
        TableSchema target = TableSchema.require(context.connection(), args.table(), "table");
        try (RowSource rows = RowSource.open(context, args.rows(), target)) {
            long deleted = ModelSql.update(context.connection(), "DELETE FROM " + target.name().sql(), "table");
            long inserted = RowWriter.insert(context, rows, target);
            return Results.rows(inserted).put("deleted", deleted);
        }
    }
}
