package io.teatree.api.intents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.api.PublishAck;
import io.quarkus.logging.Log;
import io.teatree.api.auth.Caller;
import io.teatree.api.auth.Role;
import io.teatree.api.config.ApiConfig;
import io.teatree.api.http.JsonBodies;
import io.teatree.api.problem.ApiProblem;
import io.teatree.api.problem.Problems;
import io.teatree.api.telemetry.ApiMetrics;
import io.teatree.functions.InvalidFieldException;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.IntentIds;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Problem;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.ControlStoreUnavailableException;
import io.teatree.protocol.control.IntentRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Accepts a batch of intents, one {@code {"function","args","idempotencyKey"?}} per NDJSON line: every line is
 * checked on its own (a bad line never blocks the others), the good ones are published at once with the
 * asynchronous JetStream API, their {@code queued} rows are written in one transaction after their PubAcks, and
 * each line is answered in order with its intent or its problem. A line is reported {@code queued} only when
 * JetStream acknowledged it. Blocking (one worker thread per batch, not per line).
 */
@ApplicationScoped
public class IntentBatchService {

    /** One answered line: the intent it queued (or replayed), or why it was refused. */
    public record LineResult(int line, Accepted accepted, Problem problem) {

        public boolean ok() {
            return problem == null;
        }

        /** The NDJSON answer line: {@code {"line","id","model","status"}} or the problem with {@code line}. */
        public ObjectNode toJson() {
            ObjectNode json = Json.MAPPER.createObjectNode().put("line", line);
            if (ok()) {
                return json.put("id", accepted.id().toString()).put("model", accepted.model().value()).put("status", accepted.status().wireName());
            }
            json.setAll((ObjectNode) problem.toJson());
            return json;
        }
    }

    /** A line of the batch body. */
    public record BatchLine(String function, JsonNode args, String idempotencyKey) {
    }

    private record Ready(int line, IntentEnvelope intent, String hash, boolean keyed) {
    }

    private final IntentService intents;
    private final IntentQueue queue;
    private final IntentPublisher publisher;
    private final ControlStore control;
    private final JsonBodies bodies;
    private final ApiMetrics metrics;
    private final int maxLines;
    private final long inlineArgs;

    public IntentBatchService(IntentService intents, IntentQueue queue, IntentPublisher publisher, ControlStore control, JsonBodies bodies,
                              ApiMetrics metrics, ApiConfig config) {
        this.intents = intents;
        this.queue = queue;
        this.publisher = publisher;
        this.control = control;
        this.bodies = bodies;
        this.metrics = metrics;
        this.maxLines = config.limits().batchLines();
        this.inlineArgs = config.limits().inlineArgs().asLongValue();
    }

    /** Queues every good line of {@code body}; the results in line order (blank lines are skipped, not answered). */
    public List<LineResult> submit(Caller caller, ModelId model, byte[] body, Map<String, String> traceHeaders) {
        caller.require(Role.WRITER, model);
        queue.requireModel(model);
        publisher.requireConnected();
        List<LineResult> refused = new ArrayList<>(); // per answered line: its problem, or null when it names an intent
        List<Integer> numbers = new ArrayList<>();
        List<UUID> answers = new ArrayList<>();       // per answered line: the intent whose outcome it reports
        Map<UUID, Ready> byId = new LinkedHashMap<>();
        int number = 0;
        int lines = 0;
        for (int start = 0; start < body.length; ) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            number++;
            if (!blank(body, start, end)) {
                if (++lines > maxLines) {
                    throw Problems.tooLarge("the batch holds more than " + maxLines + " lines (teatree.limits.batch-lines)", "body");
                }
                numbers.add(number);
                try {
                    Ready r = prepare(caller, model, number, body, start, end);
                    Ready earlier = byId.putIfAbsent(r.intent().id(), r);
                    if (earlier != null && !earlier.hash().equals(r.hash())) {
                        throw Problems.conflict("idempotencyKey was used on line " + earlier.line() + " for another request", "idempotencyKey");
                    }
                    refused.add(null);
                    answers.add(r.intent().id()); // a repeated key answers as its first line does
                } catch (ApiProblem | InvalidFieldException e) {
                    Problem problem = e instanceof ApiProblem p ? p.problem() : Problems.invalidField(((InvalidFieldException) e).field(),
                            e.getMessage()).problem();
                    metrics.rejected(problem.status());
                    refused.add(new LineResult(number, null, problem));
                    answers.add(null);
                }
            }
            start = end + 1;
        }
        Map<UUID, LineResult> outcomes = new HashMap<>();
        List<Ready> toPublish = replayKnown(new ArrayList<>(byId.values()), outcomes);
        outcomes.putAll(publishAll(toPublish, traceHeaders));
        List<LineResult> results = new ArrayList<>(numbers.size());
        for (int i = 0; i < numbers.size(); i++) {
            LineResult outcome = answers.get(i) == null ? refused.get(i) : outcomes.get(answers.get(i));
            results.add(new LineResult(numbers.get(i), outcome.accepted(), outcome.problem()));
        }
        return results;
    }

    private Ready prepare(Caller caller, ModelId model, int line, byte[] body, int start, int end) {
        BatchLine request = bodies.read(new ByteArrayInputStream(body, start, end - start), OptionalLong.of(end - start), BatchLine.class);
        IntentService.Checked checked = intents.check(caller, model, request.function(), request.args());
        if (Json.write(checked.args()).length > inlineArgs) {
            throw Problems.tooLarge("the args of a batch line are over teatree.limits.inline-args (" + inlineArgs
                    + " bytes); send large rows as a single intent or as bulk rows", "args");
        }
        Optional<String> key = Optional.ofNullable(request.idempotencyKey());
        UUID id = key.map(k -> IntentIds.fromIdempotencyKey(model, k)).orElseGet(IntentIds::newId);
        IntentEnvelope intent = new IntentEnvelope(id, model, request.function(), checked.args(), null, Instant.now(), caller.keyId());
        return new Ready(line, intent, checked.hash(), key.isPresent());
    }

    /**
     * Keyed lines whose intent exists already (an earlier batch or request with the same key) are answered from
     * its row into {@code outcomes}, as a single submission is, and not published again; one query for all of
     * them. Returns the lines still to publish.
     */
    private List<Ready> replayKnown(List<Ready> ready, Map<UUID, LineResult> outcomes) {
        List<UUID> keyed = ready.stream().filter(Ready::keyed).map(r -> r.intent().id()).toList();
        if (keyed.isEmpty()) {
            return ready;
        }
        Map<UUID, IntentRow> known = new HashMap<>();
        try {
            control.intents(keyed).forEach(row -> known.put(row.id(), row));
        } catch (ControlStoreUnavailableException e) {
            throw Problems.controlStoreUnavailable();
        }
        List<Ready> remaining = new ArrayList<>();
        for (Ready line : ready) {
            IntentRow row = known.get(line.intent().id());
            if (row == null) {
                remaining.add(line);
            } else {
                outcomes.put(line.intent().id(), replay(line, Optional.of(row)));
            }
        }
        return remaining;
    }

    /** Publishes every ready line at once, waits for all PubAcks, records the acked ones queued in one transaction. */
    private Map<UUID, LineResult> publishAll(List<Ready> ready, Map<String, String> traceHeaders) {
        Map<UUID, LineResult> results = new HashMap<>();
        if (ready.isEmpty()) {
            return results;
        }
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(ready.size());
        for (Ready r : ready) {
            acks.add(publisher.publishAsync(r.intent(), traceHeaders));
        }
        List<IntentRow> rows = new ArrayList<>();
        List<Ready> duplicates = new ArrayList<>();
        for (int i = 0; i < ready.size(); i++) {
            Ready r = ready.get(i);
            try {
                PublishAck ack = acks.get(i).join();
                if (ack.isDuplicate() && r.keyed()) {
                    duplicates.add(r);
                } else {
                    if (!ack.isDuplicate()) {
                        metrics.accepted(r.intent().model(), r.intent().function());
                    }
                    results.put(r.intent().id(), new LineResult(r.line(), new Accepted(r.intent().id(), r.intent().model(), IntentStatus.QUEUED), null));
                }
                rows.add(IntentRow.queued(r.intent().id(), r.intent().model(), r.intent().function(), r.intent().submittedAt(),
                        r.intent().requester(), r.hash()));
            } catch (CompletionException e) {
                Log.warnf("intent %s (batch line %d) not acknowledged: %s", r.intent().id(), r.line(), e.getCause());
                metrics.rejected(503);
                results.put(r.intent().id(), new LineResult(r.line(), null, Problems.unavailable(
                        "the intent queue (NATS) did not acknowledge this line; it may or may not be queued: retry it with an idempotencyKey")
                        .problem()));
            }
        }
        try {
            control.recordQueued(rows);
        } catch (ControlStoreUnavailableException e) {
            // the intents are durable in JetStream; the db-manager writes their rows when it applies them
            Log.warnf("%d intents accepted but their queued rows were not written: %s", rows.size(), e.getMessage());
        }
        for (Ready r : duplicates) {
            results.put(r.intent().id(), replay(r, queue.find(r.intent().id())));
        }
        return results;
    }

    /** A keyed line JetStream already had: the intent's current status, or 409 when the key was used for another request. */
    private static LineResult replay(Ready r, Optional<IntentRow> row) {
        if (row.isPresent() && row.get().requestHash() != null && !row.get().requestHash().equals(r.hash())) {
            return new LineResult(r.line(), null, Problems.conflict("idempotencyKey was already used for another request (intent "
                    + r.intent().id() + ")", "idempotencyKey").problem());
        }
        IntentStatus status = row.map(IntentRow::status).orElse(IntentStatus.QUEUED);
        return new LineResult(r.line(), new Accepted(r.intent().id(), r.intent().model(), status), null);
    }

    private static boolean blank(byte[] body, int start, int end) {
        for (int i = start; i < end; i++) {
            if (body[i] != ' ' && body[i] != '\t' && body[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
