package io.teatree.protocol;

import io.teatree.functions.InvalidFieldException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"../x", "A", "a_b", "-a", "a-", "", " a", "a.b", "a/b", "é",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void rejectsIdsThatAreNotDnsLabels(String id) {
        assertThatThrownBy(() -> ModelId.of(id))
                .isInstanceOf(InvalidFieldException.class)
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("id"));
        assertThat(ModelId.isValid(id)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "sales-eu", "m1", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void acceptsDnsLabelsUpTo63Characters(String id) {
        assertThat(ModelId.of(id).value()).isEqualTo(id);
    }

    @org.junit.jupiter.api.Test
    void rejectsNull() {
        assertThatThrownBy(() -> ModelId.of(null)).hasMessageContaining("must not be empty");
    }

    @org.junit.jupiter.api.Test
    void sixtyFourCharactersAreTooMany() {
        assertThat(ModelId.isValid("a".repeat(63))).isTrue();
        assertThat(ModelId.isValid("a".repeat(64))).isFalse();
    }
}
