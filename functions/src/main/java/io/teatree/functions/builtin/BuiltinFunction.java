package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.TeatreeFunction;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The skeleton of every built-in function: a fixed name, and arguments that must be a JSON object (null or
 * missing arguments read as an empty one) before the function's own {@link #parse} reads their fields.
 * Stateless, like the functions themselves.
 *
 * @param <A> the parsed arguments
 */
abstract class BuiltinFunction<A> implements TeatreeFunction<A> {

    private final String name;
    private final Set<String> fields;

    /** A function called {@code name} whose arguments object may hold only {@code fields}. */
    BuiltinFunction(String name, String... fields) {
        this.name = name;
        this.fields = new TreeSet<>(List.of(fields));
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

    /** Refuses a key the function does not read (a misspelt {@code primary_key} must not be silently ignored). */
    @Override
    public final A parseArgs(JsonNode args) {
        JsonNode object = ArgReader.object(args);
        for (java.util.Iterator<String> keys = object.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!fields.contains(key)) {
                throw new InvalidFieldException(key, "unknown argument '" + key + "' of " + name + suggestion(key)
                        + (fields.isEmpty() ? "; it takes no arguments" : "; its arguments are " + String.join(", ", fields)));
            }
        }
        return parse(object);
    }

    private String suggestion(String key) {
        String loose = key.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        return fields.stream().filter(f -> f.toLowerCase(Locale.ROOT).equals(loose)).findFirst()
                .map(f -> " (did you mean '" + f + "'?)").orElse("");
    }

    /** Reads and validates the fields of the arguments object, naming the offending field in every error. */
    abstract A parse(JsonNode args);
}
