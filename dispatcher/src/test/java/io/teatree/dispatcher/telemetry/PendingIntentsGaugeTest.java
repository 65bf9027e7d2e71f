package io.teatree.dispatcher.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.telemetry.LabelCap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PendingIntentsGaugeTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PendingIntentsGauge gauge = new PendingIntentsGauge(registry, new LabelCap(2));

    @Test
    void modelsOverTheCapAreSummedUnderOther() {
        gauge.update(inOrder(Map.of(ModelId.of("a"), 1L, ModelId.of("b"), 2L)));
        gauge.update(inOrder(Map.of(ModelId.of("a"), 1L, ModelId.of("b"), 2L, ModelId.of("c"), 3L, ModelId.of("d"), 4L)));

        assertThat(series()).isEqualTo(Map.of("a", 1.0, "b", 2.0, "_other", 7.0));
    }

    @Test
    void aModelWithNothingPendingReadsZeroInsteadOfItsLastCount() {
        gauge.update(inOrder(Map.of(ModelId.of("a"), 5L, ModelId.of("b"), 2L, ModelId.of("c"), 3L)));
        gauge.update(Map.of(ModelId.of("b"), 1L));

        assertThat(series()).isEqualTo(Map.of("a", 0.0, "b", 1.0, "_other", 0.0));

        gauge.update(Map.of());
        assertThat(series().values()).containsOnly(0.0);
    }

    @Test
    void thereIsNoSeriesBeforeAModelHadWork() {
        gauge.update(Map.of());
        assertThat(registry.find(PendingIntentsGauge.NAME).gauges()).isEmpty();
    }

    /** Models in name order, as the pending work reports them: the first ones seen keep their label. */
    private static Map<ModelId, Long> inOrder(Map<ModelId, Long> pending) {
        return new TreeMap<>(pending);
    }

    private Map<String, Double> series() {
        return registry.find(PendingIntentsGauge.NAME).gauges().stream()
                .collect(Collectors.toMap(g -> g.getId().getTag("model"), Gauge::value, (x, y) -> x, TreeMap::new));
    }
}
