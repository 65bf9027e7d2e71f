package io.teatree.manager.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.Span;
import io.teatree.functions.TeatreeFunction;
import io.teatree.functions.registry.FunctionRegistry;
import io.teatree.manager.store.Ledger;
import io.teatree.manager.store.LedgerEntry;
import io.teatree.manager.store.ModelDatabase;
import io.teatree.manager.store.ReservedState;
import io.teatree.manager.telemetry.BatchTrace;
import io.teatree.manager.telemetry.ManagerTracer;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Problem;
import io.teatree.protocol.ProblemType;
import io.teatree.service.log.ModelMdc;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.jboss.logging.Logger;

/**
 * Applies a batch of intents in ONE DuckDB transaction together with their ledger rows (docs/design.md, invariants).
 * An intent already in the ledger is not applied again. When an intent fails, the transaction is rolled
 * back and the batch retried without it; the failure is recorded in the ledger of the retried batch.
 * Each function run gets a {@code function.<name>} span under the batch's span, the runs of a rolled-back
 * attempt included (their retry gets spans of its own). Runs only on the writer thread.
 *
 * <p>When the batch holds a function that {@linkplain io.teatree.functions.TeatreeFunction#runsUserSql runs user SQL},
 * the {@link ReservedState} is read before and after the functions run; a change rolls the attempt back and the
 * retry checks after every intent, so the intent that made the change fails with {@code sandbox-violation} and the
 * others are applied. A transaction ended by user code cannot be undone: that stops the writer
 * ({@link IntegrityException}).
 */
public final class BatchExecutor {

    private static final Logger LOG = Logger.getLogger(BatchExecutor.class);

    private final ModelId model;
    private final ModelDatabase database;
    private final Ledger ledger;
    private final FunctionRegistry functions;
    private final BufferAllocator allocator;
    private final long epoch;
    private final ManagerTracer tracer;
    /** Intents of a group that failed together: they run one by one to find which one fails. */
    private final java.util.Set<UUID> ungrouped = new java.util.HashSet<>();
    private long version;

    private static final UUID RETRY = new UUID(0, 0);

    public BatchExecutor(ModelId model, ModelDatabase database, FunctionRegistry functions, BufferAllocator allocator, long epoch,
                         ManagerTracer tracer) throws SQLException {
        this.model = model;
        this.database = database;
        this.ledger = new Ledger(database.connection());
        this.functions = functions;
        this.allocator = allocator;
        this.epoch = epoch;
        this.tracer = tracer;
        this.version = database.version();
    }

    /** The version of the last committed batch. */
    public long version() {
        return version;
    }

    /**
     * Applies {@code batch} in one transaction; {@code trace} is the batch's span, parent of the function spans.
     *
     * @throws FencedException when the model file carries a newer writer's epoch (nothing was committed)
     */
    public BatchOutcome apply(List<PendingIntent> batch, BatchTrace trace) throws SQLException, FencedException {
        return apply(batch, trace, (intents, at) -> { });
    }

    /**
     * As {@link #apply(List, BatchTrace)}; {@code start} hears, before any function runs, which intents the batch
     * will run (those not in the ledger and not undecodable) and when it began, the {@code startedAt} of their
     * ledger rows.
     */
    public BatchOutcome apply(List<PendingIntent> batch, BatchTrace trace, BatchStart start) throws SQLException, FencedException {
        Instant began = Instant.now();
        ungrouped.clear();
        Map<UUID, PendingIntent> fresh = new LinkedHashMap<>();
        for (PendingIntent intent : batch) {
            fresh.putIfAbsent(intent.id(), intent);
        }
        Map<UUID, LedgerEntry> known = ledger.find(fresh.keySet());
        List<LedgerEntry> replayed = new ArrayList<>(known.values());
        fresh.keySet().removeAll(known.keySet());
        if (fresh.isEmpty()) {
            database.rollback();
            return new BatchOutcome(false, version, List.of(), replayed);
        }

        start.began(fresh.values().stream().filter(i -> i.decodeError() == null).map(PendingIntent::id).toList(), began);
        Map<UUID, Problem> failures = new LinkedHashMap<>();
        Map<UUID, Object> parsedArgs = new LinkedHashMap<>();
        for (PendingIntent intent : fresh.values()) {
            parse(intent, failures, parsedArgs);
        }
        failures.forEach(trace::rejected);
        long next = version + 1;
        boolean guarded = fresh.values().stream().anyMatch(i -> !failures.containsKey(i.id()) && functions.get(i.envelope().function()).runsUserSql());
        boolean eachRun = false;
        while (true) {
            Map<UUID, JsonNode> results = new LinkedHashMap<>();
            ReservedState.Fingerprint before = guarded ? ReservedState.read(database.connection()) : null;
            UUID failed = runAll(fresh, failures, parsedArgs, results, next, trace, eachRun ? before : null);
            if (failed != null) {
                database.rollback();
                continue;
            }
            if (guarded) {
                List<String> changed = before.differences(ReservedState.read(database.connection()));
                if (!changed.isEmpty()) {
                    if (eachRun || changed.contains("transaction")) {
                        throw new IntegrityException("model " + model + ": the batch changed Teatree's bookkeeping " + changed
                                + " and no single intent could be blamed; nothing of this attempt is committed by us");
                    }
                    LOG.warnf("model %s: the batch changed Teatree's bookkeeping %s; rolling back and checking intent by intent", model, changed);
                    database.rollback();
                    eachRun = true;
                    continue;
                }
            }
            Instant now = Instant.now();
            List<LedgerEntry> entries = new ArrayList<>(fresh.size());
            for (PendingIntent intent : fresh.values()) {
                Problem problem = failures.get(intent.id());
                entries.add(new LedgerEntry(intent.id(), next, problem == null ? IntentStatus.SUCCEEDED : IntentStatus.FAILED, now,
                        intent.envelope() == null ? null : intent.envelope().function(), results.get(intent.id()),
                        problem == null ? null : problem.toJson(),
                        intent.envelope() == null ? null : intent.envelope().submittedAt(),
                        intent.envelope() == null ? null : intent.envelope().requester(), began));
            }
            ledger.append(entries);
            if (!database.stamp(next, epoch)) {
                database.rollback();
                throw new FencedException("model " + model + " carries a writer epoch above ours (" + epoch + "); another manager took over");
            }
            database.commit();
            version = next;
            return new BatchOutcome(true, version, entries, replayed);
        }
    }

    /**
     * Runs every intent not yet failed, consecutive groupable ones together; returns the id of the first one
     * that fails, {@link #RETRY} when a group failed (its intents then run one by one), or null when all ran.
     */
    private UUID runAll(Map<UUID, PendingIntent> fresh, Map<UUID, Problem> failures, Map<UUID, Object> parsedArgs,
                        Map<UUID, JsonNode> results, long next, BatchTrace trace, ReservedState.Fingerprint expected) throws SQLException {
        List<PendingIntent> pending = fresh.values().stream().filter(i -> !failures.containsKey(i.id())).toList();
        int i = 0;
        while (i < pending.size()) {
            List<PendingIntent> group = group(pending, i, parsedArgs);
            String function = group.get(0).envelope().function();
            if (group.size() > 1) {
                Span span = tracer.startGroup(trace.context(), function, group.size(), k -> group.get(k).id(), next);
                try {
                    List<JsonNode> out = runGroup(group, parsedArgs, next);
                    for (int k = 0; k < group.size(); k++) {
                        results.put(group.get(k).id(), out.get(k));
                    }
                    if (expected != null && !expected.differences(ReservedState.read(database.connection())).isEmpty()) {
                        throw new IntegrityException("the group changed Teatree's bookkeeping");
                    }
                } catch (Exception e) {
                    ManagerTracer.failed(span, Problems.of(e), e, Problems.expected(e));
                    group.forEach(g -> ungrouped.add(g.id()));
                    return RETRY;
                } finally {
                    span.end();
                }
            } else {
                PendingIntent intent = group.get(0);
                Span span = tracer.startFunction(trace.context(), function, intent.id(), next);
                try {
                    results.put(intent.id(), run(intent, parsedArgs.get(intent.id()), next));
                    if (expected != null) {
                        List<String> changed = expected.differences(ReservedState.read(database.connection()));
                        if (changed.contains("transaction")) {
                            throw new IntegrityException("model " + model + ": intent " + intent.id() + " ended the batch's transaction;"
                                    + " the effects of the intents before it in this attempt may have been committed without their ledger rows");
                        }
                        if (!changed.isEmpty()) {
                            throw new SandboxViolation("the intent changed Teatree's bookkeeping (" + String.join(", ", changed)
                                    + " of the _teatree schema); it was rolled back");
                        }
                    }
                } catch (IntegrityException e) {
                    throw e;
                } catch (Exception e) {
                    Problem problem = Problems.of(e);
                    ManagerTracer.failed(span, problem, e, Problems.expected(e));
                    try (ModelMdc about = ModelMdc.intent(intent.id())) {
                        LOG.infof("model %s intent %s failed: %s", model, intent.id(), problem.detail());
                    }
                    failures.put(intent.id(), problem);
                    return intent.id();
                } finally {
                    span.end();
                }
            }
            i += group.size();
        }
        return null;
    }

    /** The intents from {@code from} on that share the first one's function and group key (at least that one). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<PendingIntent> group(List<PendingIntent> pending, int from, Map<UUID, Object> parsedArgs) {
        PendingIntent first = pending.get(from);
        TeatreeFunction function = functions.get(first.envelope().function());
        Object key = first.payload() == null && !ungrouped.contains(first.id()) ? function.groupKey(parsedArgs.get(first.id())) : null;
        List<PendingIntent> group = new ArrayList<>(List.of(first));
        for (int j = from + 1; key != null && j < pending.size(); j++) {
            PendingIntent next = pending.get(j);
            if (next.payload() != null || ungrouped.contains(next.id()) || !next.envelope().function().equals(first.envelope().function())
                    || !key.equals(function.groupKey(parsedArgs.get(next.id())))) {
                break;
            }
            group.add(next);
        }
        return group;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<JsonNode> runGroup(List<PendingIntent> group, Map<UUID, Object> parsedArgs, long next) throws Exception {
        PendingIntent first = group.get(0);
        TeatreeFunction function = functions.get(first.envelope().function());
        ManagerFunctionContext context = new ManagerFunctionContext(model.value(), first.id(), next, database.connection(), allocator, Optional.empty());
        List<Object> args = group.stream().map(g -> parsedArgs.get(g.id())).toList();
        return function.applyGroup(context, args);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private JsonNode run(PendingIntent intent, Object args, long next) throws Exception {
        TeatreeFunction function = functions.get(intent.envelope().function());
        ManagerFunctionContext context = new ManagerFunctionContext(model.value(), intent.id(), next, database.connection(), allocator,
                Optional.ofNullable(intent.payload()));
        JsonNode result = function.apply(context, args);
        return result == null ? io.teatree.protocol.Json.MAPPER.createObjectNode() : result;
    }

    private void parse(PendingIntent intent, Map<UUID, Problem> failures, Map<UUID, Object> parsedArgs) {
        if (intent.decodeError() != null) {
            failures.put(intent.id(), intent.decodeError());
            return;
        }
        try {
            TeatreeFunction<?> function = functions.get(intent.envelope().function());
            if (intent.envelope().payloadRef() != null && !function.acceptsPayload()) {
                failures.put(intent.id(), Problem.of(ProblemType.BAD_ARGS, "function '" + function.name() + "' takes no payload", "payloadRef"));
                return;
            }
            parsedArgs.put(intent.id(), function.parseArgs(intent.envelope().args()));
        } catch (RuntimeException e) {
            failures.put(intent.id(), Problems.of(e));
        }
    }
}
