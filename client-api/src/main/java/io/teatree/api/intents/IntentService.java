package io.teatree.api.intents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.teatree.api.auth.Caller;
import io.teatree.api.auth.Role;
import io.teatree.api.config.ApiConfig;
import io.teatree.api.infra.StagingStore;
import io.teatree.api.problem.Problems;
import io.teatree.api.telemetry.SubmitSpan;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.PayloadFormat;
import io.teatree.functions.TeatreeFunction;
import io.teatree.functions.registry.FunctionRegistry;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.IntentIds;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.PayloadRef;
import io.teatree.protocol.control.IntentRow;
import io.teatree.service.log.ModelMdc;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts function intents: checks model, function, args and the caller's rights, applies
 * {@code Idempotency-Key}, moves large inline rows to S3 and queues the intent. Blocking.
 */
@ApplicationScoped
public class IntentService {

    private final IntentQueue queue;
    private final FunctionRegistry functions;
    private final StagingStore staging;
    private final long inlineArgs;

    public IntentService(IntentQueue queue, FunctionRegistry functions, StagingStore staging, ApiConfig config) {
        this.queue = queue;
        this.functions = functions;
        this.staging = staging;
        this.inlineArgs = config.limits().inlineArgs().asLongValue();
    }

    /**
     * Queues {@code function(args)} on {@code model}.
     *
     * @param idempotencyKey the client's key, if any: the same key and body give the same intent, another body 409
     * @param traceHeaders   the client's W3C trace context (see {@link IntentQueue#enqueue})
     */
    public Accepted submit(Caller caller, ModelId model, String function, JsonNode args, Optional<String> idempotencyKey,
                           Map<String, String> traceHeaders) {
        SubmitSpan.function(function);
        caller.require(Role.WRITER, model);
        queue.requireModel(model);
        Checked checked = check(caller, model, function, args);
        JsonNode checkedArgs = checked.args();
        TeatreeFunction<?> fn = checked.function();
        String hash = checked.hash();
        UUID id = idempotencyKey.map(key -> IntentIds.fromIdempotencyKey(model, key)).orElseGet(IntentIds::newId);
        SubmitSpan.intent(id);
        ModelMdc.forRequest(null, id.toString());
        if (idempotencyKey.isPresent()) {
            Optional<Accepted> replay = replay(id, hash);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        IntentEnvelope intent = inlineOrStaged(new IntentEnvelope(id, model, function, checkedArgs, null, Instant.now(), caller.keyId()), fn);
        if (queue.enqueue(intent, hash, traceHeaders).isDuplicate() && idempotencyKey.isPresent()) {
            return replay(id, hash).orElse(new Accepted(id, model, IntentStatus.QUEUED));
        }
        return new Accepted(id, model, IntentStatus.QUEUED);
    }

    /** A function call that passed every check the API can make: the function, its args (an object) and the request hash. */
    record Checked(TeatreeFunction<?> function, JsonNode args, String hash) {
    }

    /**
     * Checks {@code function(args)} for a caller who may write to {@code model}: the function exists, an owner-only
     * one needs an admin, the args are an object the function parses. 400/403 problems name the field.
     */
    Checked check(Caller caller, ModelId model, String function, JsonNode args) {
        TeatreeFunction<?> fn = functions.get(InvalidFieldException.require(function, "function"));
        if (fn.ownerOnly()) {
            caller.require(Role.ADMIN, model);
        }
        JsonNode checkedArgs = args == null || args.isNull() ? Json.MAPPER.createObjectNode() : args;
        if (!checkedArgs.isObject()) {
            throw Problems.invalidField("args", "args must be a JSON object");
        }
        try {
            fn.parseArgs(checkedArgs);
        } catch (InvalidFieldException e) {
            throw Problems.invalidField(e.field() == null ? "args" : "args." + e.field(), e.getMessage());
        }
        return new Checked(fn, checkedArgs, RequestHash.of(function, checkedArgs));
    }

    private Optional<Accepted> replay(UUID id, String hash) {
        Optional<IntentRow> existing = queue.find(id);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        IntentRow row = existing.get();
        if (row.requestHash() != null && !row.requestHash().equals(hash)) {
            throw Problems.conflict("Idempotency-Key was already used for another request (intent " + id + ")", "Idempotency-Key");
        }
        return Optional.of(new Accepted(id, row.model(), row.status()));
    }

    /** Args over the inline limit: a function taking a payload gets its {@code rows} staged in S3; otherwise 413. */
    private IntentEnvelope inlineOrStaged(IntentEnvelope intent, TeatreeFunction<?> fn) {
        byte[] argsJson = Json.write(intent.args());
        if (argsJson.length <= inlineArgs) {
            return intent;
        }
        JsonNode rows = intent.args().get("rows");
        if (!fn.acceptsPayload() || rows == null || !rows.isArray()) {
            throw Problems.tooLarge(inlineArgs, "args");
        }
        byte[] rowsJson = Json.write(rows);
        String key = StagingStore.key(intent.model(), intent.id());
        try {
            staging.put(key, new ByteArrayInputStream(rowsJson), Long.MAX_VALUE);
        } catch (IOException | RuntimeException e) {
            Log.warnf("cannot stage the rows of intent %s in S3: %s", intent.id(), e.toString());
            throw Problems.unavailable("cannot stage the rows in the object store; retry later");
        }
        ObjectNode remaining = ((ObjectNode) intent.args()).deepCopy();
        remaining.remove("rows");
        return new IntentEnvelope(intent.id(), intent.model(), intent.function(), remaining,
                new PayloadRef(staging.uri(key), PayloadFormat.JSON, rowsJson.length), intent.submittedAt(), intent.requester());
    }
}
