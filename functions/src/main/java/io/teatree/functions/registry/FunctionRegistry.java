package io.teatree.functions.registry;

import io.teatree.functions.ErrorType;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.TeatreeFunction;
import io.teatree.protocol.ProblemCatalogue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The functions found with {@link ServiceLoader}, by name; the error types they declare are checked against the
 * problem catalogue when they are loaded. Immutable and thread-safe.
 */
public final class FunctionRegistry {

    private final SortedMap<String, TeatreeFunction<?>> functions;

    private FunctionRegistry(SortedMap<String, TeatreeFunction<?>> functions) {
        this.functions = Collections.unmodifiableSortedMap(functions);
    }

    /**
     * Loads every function visible to {@code loader}; two functions with one name, or an error type whose slug
     * is malformed or taken, is an error.
     */
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
        List<ErrorType> declared = new ArrayList<>();
        found.values().forEach(function -> declared.addAll(function.errorTypes()));
        ProblemCatalogue.with(declared); // refuses a malformed or taken slug
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
