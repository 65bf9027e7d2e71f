package io.teatree.functions.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.FunctionException;
import io.teatree.functions.testing.ModelDb;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReplaceFunctionTest {

    private final ReplaceFunction replace = new ReplaceFunction();

    @RegisterExtension
    final ModelDb db = ModelDb.with("CREATE TABLE prices (product VARCHAR PRIMARY KEY, price DECIMAL(8,2))",
            "INSERT INTO prices VALUES ('tea', 3.50), ('coffee', 4.00)");

    @Test
    void replacesEveryRow() throws Exception {
        var result = db.apply(replace, """
                {"table": "prices", "rows": [{"product": "tea", "price": 3.75}, {"product": "cocoa", "price": 5}]}""");

        assertThat(result.get("deleted").asLong()).isEqualTo(2);
        assertThat(result.get("rows").asLong()).isEqualTo(2);
        assertThat(db.rows("SELECT product, price FROM prices ORDER BY product"))
                .containsExactly(List.of("cocoa", "5.00"), List.of("tea", "3.75"));
    }

    @Test
    void aFailedReplaceLeavesTheOldRows() throws Exception {
        assertThatThrownBy(() -> db.apply(replace, """
                {"table": "prices", "rows": [{"product": "tea", "price": 1}, {"product": "tea", "price": 2}]}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.type().slug()).isEqualTo("constraint-violation"));

        assertThat(db.rows("SELECT product, price FROM prices ORDER BY product"))
                .containsExactly(List.of("coffee", "4.00"), List.of("tea", "3.50"));
    }

    @Test
    void replacingWithNoRowsEmptiesTheTable() throws Exception {
        db.apply(replace, "{\"table\": \"prices\", \"rows\": []}");

        assertThat(db.count("prices")).isZero();
    }
}
