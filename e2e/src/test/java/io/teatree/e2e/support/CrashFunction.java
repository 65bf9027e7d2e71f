package io.teatree.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.TeatreeFunction;

/**
 * A plugin function that takes its db-manager down the way an out-of-memory error or a native crash in DuckDB
 * would: at once, no shutdown hook, no rollback, no ack. Deployed from a {@code PluginJar} into the functions
 * directory the API and the managers share.
 */
public final class CrashFunction implements TeatreeFunction<JsonNode> {

    @Override
    public String name() {
        return "crash";
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
