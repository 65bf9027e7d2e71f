package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.TeatreeFunction;

/**
 * {@code snapshot {}}: changes no data and returns {@code {"snapshot": "requested"}}; the db-manager sees the
 * result and publishes a read-only version after the batch commits, without waiting for its debounce.
 */
public final class SnapshotFunction implements TeatreeFunction<SnapshotFunction.Args> {

    /** No arguments. */
    public record Args() {
    }

    @Override
    public String name() {
        return "snapshot";
    }

    @Override
    public Args parseArgs(JsonNode args) {
        ArgReader.object(args);
        return new Args();
    }

    @Override
    public JsonNode apply(FunctionContext context, Args args) {
        return Results.of("snapshot", "requested");
    }
}
