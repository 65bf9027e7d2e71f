package io.teatree.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A function that an intent names ({@code {"function": name, "args": {...}}}). Implementations are found with
 * {@link java.util.ServiceLoader} (list them in {@code META-INF/services/io.teatree.functions.TeatreeFunction})
 * and need a public no-argument constructor. The lifecycle, threading and transaction rules are in the
 * {@linkplain io.teatree.functions package documentation}.
 *
 * @param <A> the parsed, validated arguments (a record)
 */
public interface TeatreeFunction<A> {

    /** The name intents use, matching {@code ^[a-z][a-z0-9_]{0,62}$}. */
    String name();

    /**
     * Parses and validates arguments without touching any data.
     *
     * @throws InvalidFieldException naming the offending field (e.g. {@code rows[3].amount})
     */
    A parseArgs(JsonNode args);

    /**
     * The kinds of failure this function adds to the standard ones, each with its own slug, status and title.
     * Slugs must not clash with a standard kind or another function's; the registry refuses to start otherwise.
     */
    default List<? extends ErrorType> errorTypes() {
        return List.of();
    }

    /** Whether a payload by reference (bulk rows staged in S3) is accepted. */
    default boolean acceptsPayload() {
        return false;
    }

    /**
     * Whether the function may run SQL text that came from the intent rather than only statements it builds from
     * validated names and bound values. The db-manager then proves, around the batch, that the function left
     * Teatree's bookkeeping (the {@code _teatree} schema and the transaction) untouched, and fails the intent with
     * {@code sandbox-violation} if not. The default is true, the safe answer for a function the manager cannot see into.
     */
    default boolean runsUserSql() {
        return true;
    }

    /** Whether only owners (admin keys) may submit it, e.g. raw {@code sql}. */
    default boolean ownerOnly() {
        return false;
    }

    /**
     * Whether consecutive intents with these arguments may be applied together through {@link #applyGroup}:
     * a key that is equal for intents that can share one statement, or null (the default) when they cannot.
     * Pure; intents with a payload are never grouped.
     */
    default Object groupKey(A args) {
        return null;
    }

    /**
     * Applies several consecutive intents with equal {@link #groupKey} at once, inside the caller's transaction,
     * with exactly the effect of applying them one by one. When it throws, the caller rolls back and applies
     * them one by one to find the failing intent. The default applies them one by one.
     *
     * @return one result per intent, in order
     */
    default List<JsonNode> applyGroup(FunctionContext context, List<A> args) throws FunctionException {
        List<JsonNode> results = new ArrayList<>(args.size());
        for (A a : args) {
            results.add(apply(context, a));
        }
        return results;
    }

    /**
     * Applies the function to the model inside the caller's transaction.
     *
     * @return a small JSON result (e.g. {@code {"rows": 10}}), stored with the intent's status
     * @throws FunctionException when the intent cannot be applied; the caller rolls back and records it failed
     */
    JsonNode apply(FunctionContext context, A args) throws FunctionException;
}
