/**
 * The function SPI: what a Teatree function implements ({@link io.teatree.functions.TeatreeFunction}) and what
 * it may use while it runs ({@link io.teatree.functions.FunctionContext}). This package depends on nothing but
 * the JDK, Jackson and Arrow; a function is written and tested against it alone.
 *
 * <h2>Lifecycle</h2>
 * Each process (the client API and every db-manager) loads every function once at start-up with
 * {@link java.util.ServiceLoader} and keeps the one instance for its whole life. A function holds no per-model
 * or per-intent state in fields; everything an intent needs arrives in its arguments, its context and its
 * payload.
 *
 * <h2>Threading</h2>
 * {@code name}, {@code parseArgs}, {@code errorTypes}, {@code acceptsPayload}, {@code ownerOnly} and
 * {@code groupKey} are pure and may be called from any thread at any time: the client API calls
 * {@code parseArgs} on request threads to refuse bad arguments before anything is queued. {@code apply} and
 * {@code applyGroup} run only on the db-manager's single writer thread of one model, never concurrently for that
 * model; a {@link io.teatree.functions.FunctionContext} is valid only during the call it was given to and must not
 * be kept or shared with other threads.
 *
 * <h2>Transactions</h2>
 * {@code apply} runs inside the model's open DuckDB transaction, together with the other intents of the batch and
 * the ledger rows that record them. A function must not commit, roll back, close the connection, change settings
 * or attach files (the connection refuses the last two). Throwing {@link io.teatree.functions.FunctionException}
 * (or {@link io.teatree.functions.InvalidFieldException}) fails only this intent: the caller rolls the batch back
 * and applies the others again without it. Anything else a function throws fails the intent as
 * {@code function-error}. The effect of an intent becomes visible to readers only when the batch commits and a
 * version is published; an intent is applied exactly once, so {@code apply} need not be idempotent.
 *
 * <h2>Arrow</h2>
 * Buffers come from {@link io.teatree.functions.FunctionContext#allocator()}; a function closes what it allocates
 * before it returns.
 */
package io.teatree.functions;
