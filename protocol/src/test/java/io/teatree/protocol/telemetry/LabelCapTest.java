package io.teatree.protocol.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LabelCapTest {

    @Test
    void valuesOverTheCapAreAggregatedAndAdmittedOnesStay() {
        LabelCap cap = new LabelCap(3);
        assertThat(cap.of("a")).isEqualTo("a");
        assertThat(cap.of("b")).isEqualTo("b");
        assertThat(cap.of("c")).isEqualTo("c");
        assertThat(cap.of("d")).isEqualTo(LabelCap.OTHER);
        assertThat(cap.of("a")).isEqualTo("a");
        assertThat(cap.of("e")).isEqualTo(LabelCap.OTHER);
    }

    @Test
    void twoThousandValuesGiveCapPlusOneLabelsEvenWhenRacing() {
        LabelCap cap = new LabelCap(50);
        Set<String> labels = java.util.Collections.synchronizedSet(new HashSet<>());
        IntStream.range(0, 2000).parallel().forEach(i -> labels.add(cap.of("model-" + i)));
        assertThat(labels).hasSize(51).contains(LabelCap.OTHER);
    }

    @Test
    void zeroAggregatesEverythingAndNegativeIsRefused() {
        assertThat(new LabelCap(0).of("a")).isEqualTo(LabelCap.OTHER);
        assertThatThrownBy(() -> new LabelCap(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
