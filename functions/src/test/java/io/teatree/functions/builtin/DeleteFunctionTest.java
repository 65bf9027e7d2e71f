package io.teatree.functions.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.testing.ModelDb;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeleteFunctionTest {

    private final DeleteFunction delete = new DeleteFunction();

    @RegisterExtension
    final ModelDb db = ModelDb.with("CREATE TABLE sales (id INTEGER, site VARCHAR, amount DOUBLE)",
            "INSERT INTO sales VALUES (1, 'north', 10), (2, 'north', 50), (3, 'o''hara', 70), (4, 'south', 5)");

    @Test
    void deletesTheRowsMatchingABoundPredicate() throws Exception {
        var result = db.apply(delete, """
                {"table": "sales", "where": "site = ? AND amount > ?", "params": ["north", 20]}""");

        assertThat(result.get("rows").asLong()).isEqualTo(1);
        assertThat(db.rows("SELECT id FROM sales ORDER BY id")).containsExactly(List.of("1"), List.of("3"), List.of("4"));
    }

    @Test
    void aValueWithQuotesIsBoundNotSpliced() throws Exception {
        db.apply(delete, """
                {"table": "sales", "where": "site = ?", "params": ["o'hara"]}""");
        db.apply(delete, """
                {"table": "sales", "where": "site = ?", "params": ["x' OR '1'='1"]}""");

        assertThat(db.rows("SELECT id FROM sales ORDER BY id")).containsExactly(List.of("1"), List.of("2"), List.of("4"));
    }

    @Test
    void badPredicatesAndParameterCountsAreRefusedBeforeRunning() {
        assertThatThrownBy(() -> delete.parseArgs(ModelDb.json("""
                {"table": "sales", "where": "site = ? AND id = ?", "params": ["north"]}""")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("params"));
        assertThatThrownBy(() -> delete.parseArgs(ModelDb.json("""
                {"table": "sales", "where": "1=1); DROP TABLE sales; --"}""")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("where"));
        assertThatThrownBy(() -> delete.parseArgs(ModelDb.json("""
                {"table": "sales", "where": "id IN (SELECT column0 FROM read_csv('/etc/passwd'))"}""")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.getMessage()).contains("read_csv"));
        assertThatThrownBy(() -> delete.parseArgs(ModelDb.json("""
                {"table": "sales", "where": "id = ?", "params": [{"a": 1}]}""")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("params[0]"));
    }

    @Test
    void unknownTablesAndColumnsFailNamingThem() throws Exception {
        assertThatThrownBy(() -> db.apply(delete, "{\"table\": \"nope\", \"where\": \"id = ?\", \"params\": [1]}"))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("table");
                    assertThat(e.type().slug()).isEqualTo("unknown-table");
                });
        assertThatThrownBy(() -> db.apply(delete, "{\"table\": \"sales\", \"where\": \"colour = ?\", \"params\": [\"red\"]}"))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("where");
                    assertThat(e.type().slug()).isEqualTo("unknown-column");
                    assertThat(e.detail()).contains("colour");
                });
        assertThat(db.count("sales") ).isEqualTo(4);
    }
}
