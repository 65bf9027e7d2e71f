package io.teatree.manager.telemetry;

import io.nats.client.Message;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Problem;
import io.teatree.protocol.telemetry.NatsTraceContext;
import io.teatree.protocol.telemetry.TraceAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The manager's spans (docs/design.md, observability): {@code manager.batch} per batch, {@code function.<name>} per function run
 * inside it, {@code snapshot} per published version. When tracing is off ({@link #off}) every method returns
 * the invalid span or {@link BatchTrace#OFF} at once: no span, link or attribute is built. Methods are
 * thread-safe; each span is used by one thread at a time.
 */
public final class ManagerTracer {

    /** The intent ids of a grouped function run. */
    public static final AttributeKey<List<String>> INTENT_IDS = AttributeKey.stringArrayKey("teatree.intent.ids");
    /** Size of a published version's DuckDB file. */
    public static final AttributeKey<Long> SNAPSHOT_BYTES = AttributeKey.longKey("teatree.snapshot.bytes");

    private static final String SCOPE = "io.teatree.db-manager";

    private final OpenTelemetry telemetry;
    private final Tracer tracer;
    private final String model;

    private ManagerTracer(OpenTelemetry telemetry, ModelId model) {
        this.telemetry = telemetry;
        this.tracer = telemetry == null ? null : telemetry.getTracer(SCOPE);
        this.model = model.value();
    }

    /** Traces through {@code telemetry}'s SDK. */
    public static ManagerTracer on(OpenTelemetry telemetry, ModelId model) {
        return new ManagerTracer(telemetry, model);
    }

    /** Traces nothing, at no cost. */
    public static ManagerTracer off(ModelId model) {
        return new ManagerTracer(null, model);
    }

    public boolean enabled() {
        return tracer != null;
    }

    /**
     * Starts the {@code manager.batch} span of {@code messages}: its parent is the trace context of the first
     * message that carries one ({@code traceparent} header), or none. Links to the intents are added with
     * {@link BatchTrace#link} once they are decoded.
     */
    public BatchTrace startBatch(List<Message> messages) {
        if (tracer == null) {
            return BatchTrace.OFF;
        }
        List<SpanContext> carried = new ArrayList<>(messages.size());
        Context parent = null;
        for (Message message : messages) {
            Context context = NatsTraceContext.extract(telemetry, message.getHeaders());
            SpanContext spanContext = Span.fromContext(context).getSpanContext();
            carried.add(spanContext);
            if (parent == null && spanContext.isValid()) {
                parent = context;
            }
        }
        SpanBuilder builder = tracer.spanBuilder(TraceAttributes.MANAGER_BATCH).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(TraceAttributes.MODEL, model);
        Span span = (parent == null ? builder.setNoParent() : builder.setParent(parent)).startSpan();
        return new BatchTrace(span, carried);
    }

    /** Starts {@code function.<name>} for one intent under the batch; the invalid span when the batch is not traced. */
    public Span startFunction(Context batch, String function, UUID intentId, long version) {
        if (!Span.fromContext(batch).isRecording()) {
            return Span.getInvalid();
        }
        return functionSpan(batch, function, version).setAttribute(TraceAttributes.INTENT_ID, intentId.toString()).startSpan();
    }

    /** Starts {@code function.<name>} for a group of {@code size} intents run together; {@code id(k)} is the k-th's id. */
    public Span startGroup(Context batch, String function, int size, IntFunction<UUID> id, long version) {
        if (!Span.fromContext(batch).isRecording()) {
            return Span.getInvalid();
        }
        List<String> ids = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            ids.add(id.apply(k).toString());
        }
        return functionSpan(batch, function, version).setAttribute(TraceAttributes.BATCH_SIZE, (long) size)
                .setAttribute(INTENT_IDS, ids).startSpan();
    }

    private SpanBuilder functionSpan(Context batch, String function, long version) {
        return tracer.spanBuilder(TraceAttributes.functionSpan(function)).setParent(batch)
                .setAttribute(TraceAttributes.MODEL, model)
                .setAttribute(TraceAttributes.FUNCTION, function)
                .setAttribute(TraceAttributes.VERSION, version);
    }

    /**
     * Starts {@code snapshot} for {@code version}, a child of the {@code manager.batch} span of the last batch in
     * that version (when it was traced).
     */
    public Span startSnapshot(SpanContext lastBatch, long version) {
        if (tracer == null) {
            return Span.getInvalid();
        }
        SpanBuilder builder = tracer.spanBuilder(TraceAttributes.SNAPSHOT)
                .setAttribute(TraceAttributes.MODEL, model)
                .setAttribute(TraceAttributes.VERSION, version);
        if (lastBatch != null && lastBatch.isValid()) {
            builder.setParent(Context.root().with(Span.wrap(lastBatch)));
        } else {
            builder.setNoParent();
        }
        return builder.startSpan();
    }

    /** Marks a run whose intent failed with {@code problem}; an unexpected {@code error} is recorded with its stack. */
    public static void failed(Span span, Problem problem, Throwable error, boolean expected) {
        if (!span.isRecording()) {
            return;
        }
        span.setStatus(StatusCode.ERROR, problem.detail());
        if (!expected) {
            span.recordException(error);
        }
    }

    /** Marks a span failed by an exception (recorded with its stack). */
    public static void failed(Span span, Throwable error) {
        if (!span.isRecording()) {
            return;
        }
        span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
        span.recordException(error);
    }
}
