package io.teatree.protocol.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.impl.Headers;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import org.junit.jupiter.api.Test;

class NatsTraceContextTest {

    private final OpenTelemetry telemetry = OpenTelemetry.propagating(ContextPropagators.create(W3CTraceContextPropagator.getInstance()));

    @Test
    void aSpanContextSurvivesTheTripThroughNatsHeaders() {
        SpanContext sent = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
        Headers headers = new Headers();
        NatsTraceContext.inject(telemetry, Context.root().with(Span.wrap(sent)), headers);
        assertThat(headers.getFirst("traceparent")).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        SpanContext received = Span.fromContext(NatsTraceContext.extract(telemetry, headers)).getSpanContext();
        assertThat(received.getTraceId()).isEqualTo(sent.getTraceId());
        assertThat(received.getSpanId()).isEqualTo(sent.getSpanId());
        assertThat(received.isRemote()).isTrue();
    }

    @Test
    void noHeadersOrGarbageGiveNoParent() {
        assertThat(Span.fromContext(NatsTraceContext.extract(telemetry, null)).getSpanContext().isValid()).isFalse();
        Headers garbage = new Headers().put("traceparent", "not-a-trace");
        assertThat(Span.fromContext(NatsTraceContext.extract(telemetry, garbage)).getSpanContext().isValid()).isFalse();
    }
}
