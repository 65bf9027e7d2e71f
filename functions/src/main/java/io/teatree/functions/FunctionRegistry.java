package io.teatree.functions;

import io.teatree.protocol.InvalidFieldException;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

/** The functions found with {@link ServiceLoader}, by name. Immutable and thread-safe. */
public final class FunctionRegistry {

    private final SortedMap<String, TeatreeFunction<?>> functions;

    private FunctionRegistry(SortedMap<String, TeatreeFunction<?>> functions) {
        this.functions = Collections.unmodifiableSortedMap(functions);
    }

    /** Loads every function visible to {@code loader}; two functions with one name is an error. */
    @SuppressWarnings("rawtypes")
    public static FunctionRegistry load(ClassLoader loader) {
        SortedMap<String, TeatreeFunction<?>> found = new TreeMap<>();
        for (TeatreeFunction function : ServiceLoader.load(TeatreeFunction.class, loader)) {
            TeatreeFunction<?> previous = found.putIfAbsent(function.name(), function);
            if (previous != null && previous.getClass() != function.getClass()) {
                throw new IllegalStateException("two functions are named '" + function.name() + "': "
                        + previous.getClass().getName() + " and " + function.getClass().getName());
            }
        }
        return new FunctionRegistry(found);
    }

    /** The function called {@code name}, or an error naming the known ones. */
    public TeatreeFunction<?> get(String name) {
        TeatreeFunction<?> function = functions.get(name);
        if (function == null) {
            throw new InvalidFieldException("function", "unknown function '" + name + "'; known functions: " + String.join(", ", functions.keySet()));
        }
        return function;
    }

    public Map<String, TeatreeFunction<?>> all() {
        return functions;
    }
}
