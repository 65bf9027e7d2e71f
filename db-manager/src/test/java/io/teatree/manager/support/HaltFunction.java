package io.teatree.manager.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.TeatreeFunction;

/**
 * A function that takes its process down the way an out-of-memory error or a native crash in DuckDB would: at
 * once, with no shutdown hook, no rollback, no ack. Loaded into a real db-manager from a {@link PluginJar}.
 */
public final class HaltFunction implements TeatreeFunction<JsonNode> {

    @Override
    public String name() {
        return "halt";
    }

    @Override
    public JsonNode parseArgs(JsonNode args) {
        return args;
    }

    @Override
    public boolean runsUserSql() {
        return false;
    }

    @Override
    public JsonNode apply(FunctionContext context, JsonNode args) {
        Runtime.getRuntime().halt(137);
        throw new AssertionError("halted");
    }
}
