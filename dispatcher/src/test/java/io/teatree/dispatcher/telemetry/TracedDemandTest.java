package io.teatree.dispatcher.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.teatree.dispatcher.demand.CrashBackoff;
import io.teatree.dispatcher.demand.EnsureResult;
import io.teatree.dispatcher.demand.ModelDirectory;
import io.teatree.dispatcher.demand.RecordingPlacement;
import io.teatree.dispatcher.demand.Supervisor;
import io.teatree.dispatcher.leader.Leadership;
import io.teatree.dispatcher.podclass.PodClass;
import io.teatree.dispatcher.podclass.PodClasses;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.ModelStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code dispatcher.ensure} span with the OpenTelemetry SDK recording in memory. */
class TracedDemandTest {

    private static final ModelId SALES = ModelId.of("sales");
    private static final ModelId GHOST = ModelId.of("ghost");
    private static final ModelId BROKEN = ModelId.of("broken");
    private static final SpanContext INTENT = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
            TraceFlags.getSampled(), TraceState.getDefault());

    private final List<SpanData> spans = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
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
    })).build();
    private final AtomicBoolean leader = new AtomicBoolean(true);
    private final Supervisor supervisor = new Supervisor(RecordingPlacement::new, directory(), Map::of, (m, c, n, r) -> { }, leadership(),
            new PodClasses(Map.of("small", new PodClass("small", 2, "2Gi", "10Gi"))),
            new CrashBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1)), 3, Duration.ofMinutes(2), Clock.systemUTC());
    private final TracedDemand demand = new TracedDemand(supervisor, OpenTelemetrySdk.builder().setTracerProvider(tracing).build());

    @AfterEach
    void close() {
        supervisor.close();
        tracing.close();
    }

    @Test
    void theEnsureSpanContinuesTheIntentsTraceWithModelIntentAndOutcome() {
        Context parent = Context.root().with(Span.wrap(INTENT));
        assertThat(demand.demand(SALES, parent, "intent-1")).isEqualTo(EnsureResult.STARTED);
        assertThat(demand.demand(SALES, parent, null)).isEqualTo(EnsureResult.ALREADY_RUNNING);
        assertThat(demand.demand(GHOST, Context.root(), "intent-3")).isEqualTo(EnsureResult.UNKNOWN_MODEL);
        leader.set(false);
        assertThat(demand.demand(SALES, parent, "intent-4")).isEqualTo(EnsureResult.NOT_LEADER);

        assertThat(spans).hasSize(4).allSatisfy(span -> {
            assertThat(span.getName()).isEqualTo("dispatcher.ensure");
            assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        });
        SpanData started = spans.get(0);
        assertThat(started.getTraceId()).isEqualTo(INTENT.getTraceId());
        assertThat(started.getParentSpanId()).isEqualTo(INTENT.getSpanId());
        assertThat(started.getAttributes().get(AttributeKey.stringKey("teatree.model"))).isEqualTo("sales");
        assertThat(started.getAttributes().get(AttributeKey.stringKey("teatree.intent.id"))).isEqualTo("intent-1");
        assertThat(spans.get(1).getAttributes().get(AttributeKey.stringKey("teatree.intent.id"))).isNull();
        assertThat(spans.get(2).getParentSpanContext().isValid()).as("no traceparent: a new trace").isFalse();
        assertThat(spans).extracting(s -> s.getAttributes().get(TracedDemand.OUTCOME))
                .containsExactly("started", "running", "unknown-model", "not-leader");
    }

    @Test
    void aFailedEnsureIsAnErrorSpanWithTheException() {
        assertThatThrownBy(() -> demand.demand(BROKEN, Context.root(), "intent-5")).hasMessageContaining("control tables are away");

        assertThat(spans).singleElement().satisfies(span -> {
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(span.getStatus().getDescription()).contains("cannot ensure a manager for broken", "control tables are away");
            assertThat(span.getAttributes().get(TracedDemand.OUTCOME)).isEqualTo("failed");
            assertThat(span.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
        });
    }

    private static ModelDirectory directory() {
        return new ModelDirectory() {
            @Override
            public Optional<String> podClassOf(ModelId model) {
                if (model.equals(BROKEN)) {
                    throw new IllegalStateException("control tables are away");
                }
                return model.equals(SALES) ? Optional.of("small") : Optional.empty();
            }

            @Override
            public Set<ModelId> registered(Collection<ModelId> models) {
                return Set.of(SALES);
            }

            @Override
            public void setStatus(ModelId model, ModelStatus status) {
            }
        };
    }

    private Leadership leadership() {
        return new Leadership() {
            @Override
            public boolean isLeader() {
                return leader.get();
            }

            @Override
            public void close() {
            }
        };
    }
}
