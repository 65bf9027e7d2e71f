package io.teatree.api.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.InvalidFieldException;
import io.teatree.protocol.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntentRequestsTest {

    @Test
    void requestHashIgnoresKeyOrderAndSpacing() throws Exception {
        JsonNode a = Json.MAPPER.readTree("{\"table\": \"t\", \"rows\": [{\"x\": 1, \"y\": 2}]}");
        JsonNode b = Json.MAPPER.readTree("{\"rows\":[{\"y\":2,\"x\":1}],\"table\":\"t\"}");
        JsonNode c = Json.MAPPER.readTree("{\"rows\":[{\"y\":2,\"x\":3}],\"table\":\"t\"}");
        assertThat(RequestHash.of("append", a)).isEqualTo(RequestHash.of("append", b));
        assertThat(RequestHash.of("append", a)).isNotEqualTo(RequestHash.of("append", c));
        assertThat(RequestHash.of("append", a)).isNotEqualTo(RequestHash.of("replace", a));
    }

    @Test
    void waitDurationsParseAndAreCapped() {
        Duration max = Duration.ofSeconds(60);
        assertThat(WaitDuration.parse("10s", max)).isEqualTo(Duration.ofSeconds(10));
        assertThat(WaitDuration.parse("500ms", max)).isEqualTo(Duration.ofMillis(500));
        assertThat(WaitDuration.parse("7", max)).isEqualTo(Duration.ofSeconds(7));
        assertThat(WaitDuration.parse("PT2S", max)).isEqualTo(Duration.ofSeconds(2));
        assertThat(WaitDuration.parse("5m", max)).isEqualTo(max);
        assertThat(WaitDuration.parse(null, max)).isZero();
        assertThatThrownBy(() -> WaitDuration.parse("soon", max)).isInstanceOf(InvalidFieldException.class);
    }
}
