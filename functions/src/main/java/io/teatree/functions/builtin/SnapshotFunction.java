package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;

/**
 * {@code snapshot {}}: changes no data and returns {@code {"snapshot": "requested"}}; the db-manager sees the
 * result and publishes a read-only version after the batch commits, without waiting for its debounce.
 */
public final class SnapshotFunction extends BuiltinFunction<SnapshotFunction.Args> {

    /** No arguments. */
    public record Args() {
    }

    public SnapshotFunction() {
        super("snapshot");
    }

    @Override
    Args parse(JsonNode args) {
        return new Args();
    }

    @Override
    public JsonNode apply(FunctionContext context, Args args) {
        return Results.of("snapshot", "requested");
    }
}
