package io.teatree.manager.telemetry;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Problem;
import io.teatree.protocol.ProblemType;
import io.teatree.protocol.telemetry.TraceAttributes;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ManagerTracerTest {

    private static final String TRACE_A = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN_A = "b7ad6b7169203331";
    private static final String TRACE_B = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_B = "00f067aa0ba902b7";

    private final List<SpanData> exported = new CopyOnWriteArrayList<>();
    private final OpenTelemetry sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    exported.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            })).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    private static Message message(String traceparent) {
        Headers headers = new Headers();
        if (traceparent != null) {
            headers.add("traceparent", traceparent);
        }
        return NatsMessage.builder().subject("teatree.intent.m1").headers(headers).data("{}".getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void offBuildsNoSpans() {
        ManagerTracer tracer = ManagerTracer.off(ModelId.of("m1"));
        BatchTrace batch = tracer.startBatch(List.of(message("00-" + TRACE_A + "-" + SPAN_A + "-01")));
        assertThat(batch).isSameAs(BatchTrace.OFF);
        assertThat(batch.context()).isSameAs(Context.root());
        assertThat(tracer.startFunction(batch.context(), "append", UUID.randomUUID(), 1)).isSameAs(Span.getInvalid());
        assertThat(tracer.startGroup(batch.context(), "append", 2, k -> UUID.randomUUID(), 1)).isSameAs(Span.getInvalid());
        assertThat(tracer.startSnapshot(batch.spanContext(), 1)).isSameAs(Span.getInvalid());
        assertThat(tracer.enabled()).isFalse();
    }

    @Test
    void batchContinuesTheFirstCarriedTraceAndLinksEveryTracedIntent() {
        ManagerTracer tracer = ManagerTracer.on(sdk, ModelId.of("m1"));
        UUID untraced = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        BatchTrace batch = tracer.startBatch(List.of(message(null), message("00-" + TRACE_A + "-" + SPAN_A + "-01"),
                message("00-" + TRACE_B + "-" + SPAN_B + "-01")));
        batch.link(0, untraced);
        batch.link(1, a);
        batch.link(2, b);
        Span function = tracer.startFunction(batch.context(), "append", a, 4);
        ManagerTracer.failed(function, Problem.of(ProblemType.BAD_SQL, "no table t", null),
                new SQLException("no table t"), true);
        function.end();
        batch.committed(3, 4);
        SpanContext batchContext = batch.spanContext();
        batch.end();
        Span snapshot = tracer.startSnapshot(batchContext, 4);
        snapshot.end();

        SpanData batchSpan = named(TraceAttributes.MANAGER_BATCH);
        assertThat(batchSpan.getTraceId()).isEqualTo(TRACE_A);
        assertThat(batchSpan.getParentSpanId()).isEqualTo(SPAN_A);
        assertThat(batchSpan.getAttributes().get(TraceAttributes.BATCH_SIZE)).isEqualTo(3);
        assertThat(batchSpan.getAttributes().get(TraceAttributes.VERSION)).isEqualTo(4);
        assertThat(batchSpan.getLinks()).extracting(l -> l.getSpanContext().getSpanId(), l -> l.getAttributes().get(TraceAttributes.INTENT_ID))
                .containsExactly(tuple(SPAN_A, a.toString()), tuple(SPAN_B, b.toString()));
        assertThat(batchSpan.getLinks()).extracting(LinkData::getSpanContext).extracting(SpanContext::getTraceId).containsExactly(TRACE_A, TRACE_B);

        SpanData functionSpan = named("function.append");
        assertThat(functionSpan.getParentSpanId()).isEqualTo(batchSpan.getSpanId());
        assertThat(functionSpan.getAttributes().get(TraceAttributes.INTENT_ID)).isEqualTo(a.toString());
        assertThat(functionSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(functionSpan.getStatus().getDescription()).isEqualTo("no table t");
        assertThat(functionSpan.getEvents()).as("an expected failure records no exception").isEmpty();

        SpanData snapshotSpan = named(TraceAttributes.SNAPSHOT);
        assertThat(snapshotSpan.getParentSpanId()).isEqualTo(batchSpan.getSpanId());
        assertThat(snapshotSpan.getTraceId()).isEqualTo(TRACE_A);
    }

    @Test
    void aBatchWithoutCarriedContextStartsItsOwnTrace() {
        ManagerTracer tracer = ManagerTracer.on(sdk, ModelId.of("m1"));
        BatchTrace batch = tracer.startBatch(List.of(message(null), message("00-garbage")));
        batch.link(0, UUID.randomUUID());
        batch.link(1, UUID.randomUUID());
        batch.end();
        SpanData batchSpan = named(TraceAttributes.MANAGER_BATCH);
        assertThat(batchSpan.getParentSpanContext().isValid()).isFalse();
        assertThat(batchSpan.getLinks()).isEmpty();
    }

    @Test
    void aGroupRunFailingUnexpectedlyRecordsTheExceptionAndNamesItsIntents() {
        ManagerTracer tracer = ManagerTracer.on(sdk, ModelId.of("m1"));
        BatchTrace batch = tracer.startBatch(List.of(message(null), message(null)));
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());
        Span group = tracer.startGroup(batch.context(), "append", 2, ids::get, 9);
        IllegalStateException bug = new IllegalStateException("bug");
        ManagerTracer.failed(group, Problem.of(ProblemType.FUNCTION_ERROR, "IllegalStateException: bug", null), bug, false);
        group.end();
        batch.end();

        SpanData groupSpan = named("function.append");
        assertThat(groupSpan.getAttributes().get(TraceAttributes.BATCH_SIZE)).isEqualTo(2);
        assertThat(groupSpan.getAttributes().get(ManagerTracer.INTENT_IDS)).containsExactly(ids.get(0).toString(), ids.get(1).toString());
        assertThat(groupSpan.getAttributes().get(TraceAttributes.VERSION)).isEqualTo(9);
        assertThat(groupSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(groupSpan.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
    }

    private SpanData named(String name) {
        List<SpanData> found = exported.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
