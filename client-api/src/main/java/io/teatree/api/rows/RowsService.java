package io.teatree.api.rows;

import io.quarkus.logging.Log;
import io.teatree.api.auth.Caller;
import io.teatree.api.auth.Role;
import io.teatree.api.config.ApiConfig;
import io.teatree.api.http.BodyTooLargeException;
import io.teatree.api.infra.StagingStore;
import io.teatree.api.intents.Accepted;
import io.teatree.api.intents.IntentPublisher;
import io.teatree.api.intents.IntentQueue;
import io.teatree.api.problem.ApiProblem;
import io.teatree.api.problem.Problems;
import io.teatree.api.telemetry.SubmitSpan;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.TeatreeFunction;
import io.teatree.functions.registry.FunctionRegistry;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.IntentIds;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.PayloadRef;
import io.teatree.service.log.ModelMdc;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Accepts bulk rows: checks everything that can be checked before the body is read, streams the body to
 * {@code staging/<model>/<intentId>}, then queues one intent referencing it. Over the limit → 413 with nothing
 * staged or queued; when the intent cannot be queued the staged body is removed. Blocking.
 */
@ApplicationScoped
public class RowsService {

    private final IntentQueue queue;
    private final IntentPublisher publisher;
    private final FunctionRegistry functions;
    private final StagingStore staging;
    private final long limit;

    public RowsService(IntentQueue queue, IntentPublisher publisher, FunctionRegistry functions, StagingStore staging, ApiConfig config) {
        this.queue = queue;
        this.publisher = publisher;
        this.functions = functions;
        this.staging = staging;
        this.limit = config.limits().rowsBody().asLongValue();
    }

    /** Stages {@code body} and queues the {@code request.mode()} intent. */
    public Accepted submit(Caller caller, ModelId model, RowsRequest request, OptionalLong contentLength, InputStream body,
                           Map<String, String> traceHeaders) {
        SubmitSpan.function(request.mode());
        caller.require(Role.WRITER, model);
        queue.requireModel(model);
        TeatreeFunction<?> fn = functions.get(request.mode());
        if (!fn.acceptsPayload()) {
            throw Problems.invalidField("mode", "function '" + request.mode() + "' does not take bulk rows");
        }
        try {
            fn.parseArgs(request.args());
        } catch (InvalidFieldException e) {
            throw Problems.invalidField(e.field(), e.getMessage());
        }
        if (contentLength.isPresent() && contentLength.getAsLong() > limit) {
            throw Problems.tooLarge(limit, "body");
        }
        publisher.requireConnected();
        UUID id = IntentIds.newId();
        SubmitSpan.intent(id);
        ModelMdc.forRequest(null, id.toString());
        String key = StagingStore.key(model, id);
        long bytes = stage(key, body);
        IntentEnvelope intent = new IntentEnvelope(id, model, request.mode(), request.args(),
                new PayloadRef(staging.uri(key), request.format(), bytes), Instant.now(), caller.keyId());
        try {
            queue.enqueue(intent, null, traceHeaders);
        } catch (ApiProblem e) {
            staging.delete(key);
            throw e;
        }
        return new Accepted(id, model, IntentStatus.QUEUED);
    }

    private long stage(String key, InputStream body) {
        try {
            return staging.put(key, body, limit);
        } catch (BodyTooLargeException e) {
            throw Problems.tooLarge(e.limit(), "body");
        } catch (IOException e) {
            Log.infof("the request body could not be read: %s", e.toString());
            throw Problems.invalidField("body", "the request body could not be read");
        } catch (SdkException e) {
            Log.warnf("cannot stage a rows body in S3: %s", e.toString());
            throw Problems.unavailable("cannot stage the body in the object store; retry later");
        }
    }
}
