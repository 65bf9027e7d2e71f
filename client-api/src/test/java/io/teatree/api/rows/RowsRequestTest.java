package io.teatree.api.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.PayloadFormat;
import org.junit.jupiter.api.Test;

class RowsRequestTest {

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
}
