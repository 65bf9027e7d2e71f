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
import io.teatree.functions.payload.CheckingInputStream;
import io.teatree.functions.payload.MalformedPayloadException;
import io.teatree.functions.payload.PayloadCheck;
import io.teatree.functions.payload.PayloadChecks;
import io.teatree.functions.payload.PayloadLimits;
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
    private final PayloadLimits payloadLimits;

    public RowsService(IntentQueue queue, IntentPublisher publisher, FunctionRegistry functions, StagingStore staging, ApiConfig config) {
        this.queue = queue;
        this.publisher = publisher;
        this.functions = functions;
        this.staging = staging;
        this.limit = config.limits().rowsBody().asLongValue();
        this.payloadLimits = new PayloadLimits(limit, (int) Math.min(Integer.MAX_VALUE, config.limits().payloadLine().asLongValue()),
                config.limits().payloadDepth());
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
        PayloadCheck check = PayloadChecks.forFormat(request.format(), payloadLimits, contentLength.orElse(-1));
        long bytes = stage(key, new CheckingInputStream(body, check));
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
        } catch (MalformedPayloadException e) {
            throw refused(e);
        } catch (IOException e) {
            Log.infof("the request body could not be read: %s", e.toString());
            throw Problems.invalidField("body", "the request body could not be read");
        } catch (SdkException e) {
            Log.warnf("cannot stage a rows body in S3: %s", e.toString());
            throw Problems.unavailable("cannot stage the body in the object store; retry later");
        }
    }

    /** A body its format's check refused as it streamed past: nothing was staged, nothing is queued. */
    private static ApiProblem refused(MalformedPayloadException e) {
        return switch (e.kind()) {
            case MALFORMED -> Problems.invalidField("body", e.getMessage());
            case TOO_LARGE -> Problems.tooLarge(e.getMessage(), "body");
            case UNSUPPORTED -> Problems.unsupportedMediaType(e.getMessage(), "body");
        };
    }
}
