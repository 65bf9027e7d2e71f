package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.TeatreeFunction;
import io.teatree.functions.load.InlineInsert;
import io.teatree.functions.load.RowSource;
import io.teatree.functions.table.TableSchema;

/** {@code append {table, rows}} or {@code append {table}} with a payload: inserts rows, in one batch. */
public final class AppendFunction implements TeatreeFunction<RowsArgs> {

    @Override
    public String name() {
        return "append";
    }

    @Override
    public RowsArgs parseArgs(JsonNode args) {
        return RowsArgs.parse(args, false);
    }

    @Override
    public boolean acceptsPayload() {
        return true;
    }

    @Override
    public JsonNode apply(FunctionContext context, RowsArgs args) throws FunctionException {
        if (context.payload().isEmpty() && InlineInsert.eligible(args.rows())) {
            return Results.rows(InlineInsert.insert(context.connection(), args.table(), args.rows()));
        }
        TableSchema target = TableSchema.require(context.connection(), args.table(), "table");
        try (RowSource rows = RowSource.open(context, args.rows(), target)) {
            return Results.rows(RowWriter.insert(context, rows, target));
        }
    }
}
