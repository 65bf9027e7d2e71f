package io.teatree.api.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PodClassTest {

    @Test
    void podClassesAreTheFourOfTheDesign() {
        assertThat(PodClass.parse(null)).isEqualTo(PodClass.SMALL);
        assertThat(PodClass.parse("xlarge")).isEqualTo(PodClass.XLARGE);
        assertThatThrownBy(() -> PodClass.parse("huge")).hasFieldOrPropertyWithValue("field", "podClass");
    }
}
