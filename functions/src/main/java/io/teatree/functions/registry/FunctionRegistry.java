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
 * The functions found with {@link ServiceLoader}, by name, and the problem catalogue with the error types they
 * declare. Immutable and thread-safe.
 */
public final class FunctionRegistry {

    private final SortedMap<String, TeatreeFunction<?>> functions;
    private final ProblemCatalogue problems;

    private FunctionRegistry(SortedMap<String, TeatreeFunction<?>> functions, ProblemCatalogue problems) {
        this.functions = Collections.unmodifiableSortedMap(functions);
        this.problems = problems;
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
        return new FunctionRegistry(found, ProblemCatalogue.with(declared));
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

    /** The standard error types and those the loaded functions declare. */
    public ProblemCatalogue problems() {
        return problems;
    }
}
