package io.teatree.dispatcher.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.teatree.dispatcher.demand.EnsureResult;
import io.teatree.dispatcher.demand.Supervisor;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.telemetry.TraceAttributes;

/**
 * {@link Supervisor#demand} inside a {@code dispatcher.ensure} span, child of the intent's trace (the context
 * the API put on the NATS message), with the model, the intent id and {@value #OUTCOME_KEY}: {@code started},
 * {@code running}, {@code backoff}, {@code unknown-model}, {@code not-leader}, or {@code failed} with ERROR
 * status and the exception recorded. With a no-op {@link OpenTelemetry} it costs a method call. Thread-safe.
 */
public final class TracedDemand {

    static final String OUTCOME_KEY = "teatree.placement.outcome";
    /** Span attribute: what the ensure did. */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey(OUTCOME_KEY);
    static final String SCOPE = "io.teatree.dispatcher";

    private final Supervisor supervisor;
    private final Tracer tracer;

    public TracedDemand(Supervisor supervisor, OpenTelemetry telemetry) {
        this.supervisor = supervisor;
        this.tracer = telemetry.getTracer(SCOPE);
    }

    /**
     * Demands a manager for {@code model} in a span whose parent is {@code parent}.
     *
     * @param intentId the id of the intent that asked (its {@code Nats-Msg-Id}), or null
     * @throws RuntimeException what {@link Supervisor#demand} throws, after the span recorded it
     */
    public EnsureResult demand(ModelId model, Context parent, String intentId) {
        Span span = tracer.spanBuilder(TraceAttributes.DISPATCHER_ENSURE).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(TraceAttributes.MODEL, model.value()).startSpan();
        if (intentId != null) {
            span.setAttribute(TraceAttributes.INTENT_ID, intentId);
        }
        try (Scope scope = span.makeCurrent()) {
            EnsureResult result = supervisor.demand(model);
            span.setAttribute(OUTCOME, outcome(result));
            return result;
        } catch (RuntimeException e) {
            span.setAttribute(OUTCOME, "failed");
            span.setStatus(StatusCode.ERROR, "cannot ensure a manager for " + model + ": " + e.getMessage());
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** The {@value #OUTCOME_KEY} attribute of a result. */
    static String outcome(EnsureResult result) {
        return switch (result) {
            case STARTED -> "started";
            case ALREADY_RUNNING -> "running";
            case BACKING_OFF -> "backoff";
            case UNKNOWN_MODEL -> "unknown-model";
            case NOT_LEADER -> "not-leader";
        };
    }
}
