package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.TeatreeFunction;

/**
 * The skeleton of every built-in function: a fixed name, and arguments that must be a JSON object (null or
 * missing arguments read as an empty one) before the function's own {@link #parse} reads their fields.
 * Stateless, like the functions themselves.
 *
 * @param <A> the parsed arguments
 */
abstract class BuiltinFunction<A> implements TeatreeFunction<A> {

    private final String name;

    BuiltinFunction(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Built-ins build their statements from validated names and bound values; those taking SQL text say so. */
    @Override
    public boolean runsUserSql() {
        return false;
    }

    @Override
    public final A parseArgs(JsonNode args) {
        return parse(ArgReader.object(args));
    }

    /** Reads and validates the fields of the arguments object, naming the offending field in every error. */
    abstract A parse(JsonNode args);
}
