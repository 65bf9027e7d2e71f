package io.teatree.manager.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.teatree.protocol.Problem;
import io.teatree.protocol.telemetry.TraceAttributes;
import java.util.List;
import java.util.UUID;

/**
 * The {@code manager.batch} span of one batch and the trace contexts its messages carried. {@link #OFF} when
 * tracing is off: every method then does nothing. Writer thread only.
 */
public final class BatchTrace {

    /** The batch of a manager that does not trace. */
    public static final BatchTrace OFF = new BatchTrace(Span.getInvalid(), List.of());

    private static final AttributeKey<String> DETAIL = AttributeKey.stringKey("teatree.problem.detail");

    private final Span span;
    private final Context context;
    private final List<SpanContext> carried;

    BatchTrace(Span span, List<SpanContext> carried) {
        this.span = span;
        this.context = span.isRecording() ? Context.root().with(span) : Context.root();
        this.carried = carried;
    }

    /** The parent context of the batch's function spans (the root context when not traced). */
    public Context context() {
        return context;
    }

    /** This span's context, to parent the snapshot that will include this batch. */
    public SpanContext spanContext() {
        return span.getSpanContext();
    }

    /** Links the batch to the trace of message {@code index}, which is intent {@code intentId}. */
    public void link(int index, UUID intentId) {
        if (span.isRecording() && carried.get(index).isValid()) {
            span.addLink(carried.get(index), Attributes.of(TraceAttributes.INTENT_ID, intentId.toString()));
        }
    }

    /** Records an intent that failed before any function ran (undecodable, unknown function, bad arguments). */
    public void rejected(UUID intentId, Problem problem) {
        if (span.isRecording()) {
            span.addEvent("intent.failed", Attributes.of(TraceAttributes.INTENT_ID, intentId.toString(),
                    DETAIL, String.valueOf(problem.detail())));
        }
    }

    /** The batch holds {@code size} intents and committed {@code version}. */
    public void committed(int size, long version) {
        if (span.isRecording()) {
            span.setAttribute(TraceAttributes.BATCH_SIZE, (long) size);
            span.setAttribute(TraceAttributes.VERSION, version);
        }
    }

    /** The batch holds {@code size} intents and committed nothing (all were applied before). */
    public void size(int size) {
        if (span.isRecording()) {
            span.setAttribute(TraceAttributes.BATCH_SIZE, (long) size);
        }
    }

    public void failed(Throwable error) {
        ManagerTracer.failed(span, error);
    }

    public void end() {
        span.end();
    }
}
