package io.teatree.functions.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.testing.ModelDb;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AppendFunctionTest {

    private final AppendFunction append = new AppendFunction();

    @RegisterExtension
    final ModelDb db = ModelDb.with("CREATE TABLE sales (id BIGINT PRIMARY KEY, site VARCHAR NOT NULL, amount DECIMAL(10,2), day DATE, note VARCHAR DEFAULT 'none')");

    @Test
    void appendsInlineRowsWithExactValues() throws Exception {
        var result = db.apply(append, """
                {"table": "sales", "rows": [
                  {"id": 1, "site": "north", "amount": 12.5, "day": "2024-01-02"},
                  {"id": 2, "site": "south", "amount": "0.10", "day": "2024-01-03", "note": "it's"},
                  {"site": "east", "id": 3}
                ]}""");

        assertThat(result.get("rows").asLong()).isEqualTo(3);
        assertThat(db.rows("SELECT id, site, amount, day, note FROM sales ORDER BY id")).containsExactly(
                List.of("1", "north", "12.50", "2024-01-02", "null"),
                List.of("2", "south", "0.10", "2024-01-03", "it's"),
                List.of("3", "east", "null", "null", "null"));
    }

    @Test
    void aColumnThatNoRowGivesGetsItsDefault() throws Exception {
        db.apply(append, """
                {"table": "sales", "rows": [{"id": 7, "site": "west"}]}""");

        assertThat(db.rows("SELECT id, site, note FROM sales")).containsExactly(List.of("7", "west", "none"));
    }

    @Test
    void anEmptyRowListWritesNothing() throws Exception {
        assertThat(db.apply(append, """
                {"table": "sales", "rows": []}""").get("rows").asLong()).isZero();
        assertThat(db.count("sales")).isZero();
    }

    @Test
    void aBadValueIsReportedWithItsRowAndColumnAndNothingIsWritten() throws Exception {
        assertThatThrownBy(() -> db.apply(append, """
                {"table": "sales", "rows": [{"id": 1, "site": "a", "amount": 1}, {"id": 2, "site": "b", "amount": 2},
                  {"id": 3, "site": "c", "amount": 3}, {"id": 4, "site": "d", "amount": "lots"}]}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("rows[3].amount");
                    assertThat(e.type().slug()).isEqualTo("type-mismatch");
                    assertThat(e.detail()).contains("'lots'", "DECIMAL(10,2)", "sales");
                });
        assertThat(db.count("sales")).isZero();
    }

    @Test
    void unknownTableAndColumnAreNamed() throws Exception {
        assertThatThrownBy(() -> db.apply(append, """
                {"table": "nope", "rows": [{"id": 1}]}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("table");
                    assertThat(e.type().slug()).isEqualTo("unknown-table");
                });
        assertThatThrownBy(() -> db.apply(append, """
                {"table": "sales", "rows": [{"id": 1, "site": "a"}, {"id": 2, "site": "b", "price": 3}]}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("rows[1].price");
                    assertThat(e.type().slug()).isEqualTo("unknown-column");
                });
    }

    @Test
    void aNullInANotNullColumnAndADuplicateKeyAreConstraintViolations() throws Exception {
        assertThatThrownBy(() -> db.apply(append, """
                {"table": "sales", "rows": [{"id": 1, "site": "a"}, {"id": 2, "site": null}]}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("rows[1].site");
                    assertThat(e.type().slug()).isEqualTo("constraint-violation");
                });
        db.apply(append, """
                {"table": "sales", "rows": [{"id": 1, "site": "a"}]}""");
        assertThatThrownBy(() -> db.apply(append, """
                {"table": "sales", "rows": [{"id": 1, "site": "again"}]}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("sales");
                    assertThat(e.type().slug()).isEqualTo("constraint-violation");
                    assertThat(e.detail()).contains("Duplicate key");
                });
        assertThat(db.rows("SELECT id, site FROM sales")).containsExactly(List.of("1", "a"));
    }

    @Test
    void noArrowViewOutlivesTheIntentWhetherItSucceedsOrFails() throws Exception {
        db.apply(append, """
                {"table": "sales", "rows": [{"id": 1, "site": "a"}]}""");
        assertThatThrownBy(() -> db.apply(append, """
                {"table": "sales", "rows": [{"id": 1, "site": "duplicate"}]}""")).isInstanceOf(FunctionException.class);

        assertThat(db.rows("SELECT view_name FROM duckdb_views() WHERE NOT internal")).isEmpty();
        assertThat(db.rows("SELECT id, site FROM sales")).containsExactly(List.of("1", "a"));
    }

    @Test
    void malformedArgsNameTheField() {
        assertThatThrownBy(() -> append.parseArgs(io.teatree.protocol.Json.MAPPER.readTree("{\"rows\": []}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("table"));
        assertThatThrownBy(() -> append.parseArgs(io.teatree.protocol.Json.MAPPER.readTree("{\"table\": \"t\", \"rows\": [1]}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("rows[0]"));
        assertThatThrownBy(() -> append.parseArgs(io.teatree.protocol.Json.MAPPER.readTree("{\"table\": \"x; drop\", \"rows\": []}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("table"));
    }
}
