package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.load.InlineInsert;
import io.teatree.functions.load.RowSource;
import io.teatree.functions.table.TableSchema;
import io.teatree.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/** {@code append {table, rows}} or {@code append {table}} with a payload: inserts rows, in one batch. */
public final class AppendFunction extends RowsFunction {

    public AppendFunction() {
        super("append", "table", "rows");
    }

    /** Small inline appends to one table with the same columns share one multi-row INSERT. */
    @Override
    public Object groupKey(RowsArgs args) {
        return InlineInsert.groupKey(args.table(), args.rows());
    }

    @Override
    public List<JsonNode> applyGroup(FunctionContext context, List<RowsArgs> args) throws FunctionException {
        ArrayNode rows = Json.MAPPER.createArrayNode();
        List<JsonNode> results = new ArrayList<>(args.size());
        for (RowsArgs a : args) {
            rows.addAll((ArrayNode) a.rows());
            results.add(Results.rows(a.rows().size()));
        }
        InlineInsert.insert(context.connection(), args.get(0).table(), rows);
        return results;
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
