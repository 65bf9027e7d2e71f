package io.teatree.dispatcher.podclass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PodClassTest {

    @Test
    void duckdbGetsThreeQuartersOfTheMemoryAndOneThreadPerCpu() {
        PodClass small = new PodClass("small", 2, "2Gi", "10Gi");
        assertThat(small.duckdbMemoryLimit()).isEqualTo("1536MiB");
        assertThat(small.duckdbThreads()).isEqualTo(2);
        assertThat(new PodClass("xlarge", 16, "64Gi", "400Gi").duckdbMemoryLimit()).isEqualTo("49152MiB");
    }

    @Test
    void heapIsFifteenPercentAndAtLeast256Mib() {
        assertThat(new PodClass("small", 2, "2Gi", "10Gi").heapMib()).isEqualTo(307);
        assertThat(new PodClass("large", 8, "16Gi", "100Gi").heapMib()).isEqualTo(2457);
        assertThat(new PodClass("tiny", 1, "1Gi", "1Gi").heapMib()).isEqualTo(256);
    }

    @Test
    void quantitiesUnderstandBinaryAndDecimalSuffixes() {
        assertThat(PodClass.bytes("2Gi")).isEqualTo(2L << 30);
        assertThat(PodClass.bytes("512Mi")).isEqualTo(512L << 20);
        assertThat(PodClass.bytes("2G")).isEqualTo(2_000_000_000L);
        assertThat(PodClass.bytes("-1Gi")).isEqualTo(-1);
        assertThat(PodClass.bytes("lots")).isEqualTo(-1);
    }

    @Test
    void nonsenseSizesAreRejected() {
        assertThatThrownBy(() -> new PodClass("small", 0, "2Gi", "1Gi")).hasMessageContaining("cpus");
        assertThatThrownBy(() -> new PodClass("small", 2, "-2Gi", "1Gi")).hasMessageContaining("memory");
        assertThatThrownBy(() -> new PodClass("small", 2, "100Mi", "1Gi")).hasMessageContaining("memory");
        assertThatThrownBy(() -> new PodClass("small", 2, "2Gi", "none")).hasMessageContaining("storage");
    }

    @Test
    void anUnknownClassFallsBackToSmall() {
        PodClasses classes = new PodClasses(java.util.Map.of("small", new PodClass("small", 2, "2Gi", "10Gi")));
        assertThat(classes.orDefault("gigantic").name()).isEqualTo("small");
        assertThat(classes.find("gigantic")).isEmpty();
    }
}
