package io.teatree.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.PayloadFormat;
import io.teatree.protocol.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestsTest {

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

    @Test
    void rowsRequestsAreValidated() {
        RowsRequest upsert = RowsRequest.of("sales", "upsert", "id, day", "text/csv");
        assertThat(upsert.key()).containsExactly("id", "day");
        assertThat(upsert.format()).isEqualTo(PayloadFormat.CSV);
        assertThat(upsert.args().toString()).isEqualTo("{\"table\":\"sales\",\"key\":[\"id\",\"day\"]}");
        assertThat(RowsRequest.of("sales", null, null, "application/vnd.apache.parquet").mode()).isEqualTo("append");
        assertThatThrownBy(() -> RowsRequest.of("sales", "upsert", null, "text/csv")).hasFieldOrPropertyWithValue("field", "key");
        assertThatThrownBy(() -> RowsRequest.of("../x", "append", null, "text/csv")).hasFieldOrPropertyWithValue("field", "table");
        assertThatThrownBy(() -> RowsRequest.of("sales", "merge", null, "text/csv")).hasFieldOrPropertyWithValue("field", "mode");
        assertThatThrownBy(() -> RowsRequest.of("sales", "append", null, "text/xml")).hasFieldOrPropertyWithValue("field", "Content-Type");
    }

    @Test
    void podClassesAreTheFourOfTheDesign() {
        assertThat(PodClass.parse(null)).isEqualTo(PodClass.SMALL);
        assertThat(PodClass.parse("xlarge")).isEqualTo(PodClass.XLARGE);
        assertThatThrownBy(() -> PodClass.parse("huge")).hasFieldOrPropertyWithValue("field", "podClass");
    }
}
