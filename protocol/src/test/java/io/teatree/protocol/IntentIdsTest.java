package io.teatree.protocol;

import io.teatree.functions.InvalidFieldException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntentIdsTest {

    @Test
    void newIdsAreVersion7AndTimeOrderedByMillisecond() {
        long before = System.currentTimeMillis();
        UUID id = IntentIds.newId();
        long after = System.currentTimeMillis();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        long millis = id.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, after);
    }

    @Test
    void newIdsAreUnique() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(IntentIds.newId());
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    void idempotencyKeyMapsToTheSameIdPerModel() {
        ModelId a = ModelId.of("a");
        assertThat(IntentIds.fromIdempotencyKey(a, "k1")).isEqualTo(IntentIds.fromIdempotencyKey(a, "k1"));
        assertThat(IntentIds.fromIdempotencyKey(a, "k1")).isNotEqualTo(IntentIds.fromIdempotencyKey(a, "k2"));
        assertThat(IntentIds.fromIdempotencyKey(a, "k1")).isNotEqualTo(IntentIds.fromIdempotencyKey(ModelId.of("b"), "k1"));
        assertThatThrownBy(() -> IntentIds.fromIdempotencyKey(a, " ")).isInstanceOf(InvalidFieldException.class);
    }

    @Test
    void parseNamesTheField() {
        assertThatThrownBy(() -> IntentIds.parse("nope", "intentId"))
                .isInstanceOf(InvalidFieldException.class)
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("intentId"));
    }
}
