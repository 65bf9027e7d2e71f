package io.teatree.functions.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.testing.ModelDb;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AllocateFunctionTest {

    private final AllocateFunction allocate = new AllocateFunction();

    @RegisterExtension
    final ModelDb db = ModelDb.with("CREATE TABLE sales (day DATE, site VARCHAR, product VARCHAR, revenue DECIMAL(12,2))",
            "INSERT INTO sales VALUES"
                    + " ('2023-01-15', 'north', 'tea', 300), ('2023-02-10', 'north', 'tea', 200),"
                    + " ('2023-01-20', 'north', 'coffee', 250), ('2023-03-31', 'south', 'tea', 150),"
                    + " ('2023-02-01', 'south', 'coffee', 100),"
                    + " ('2022-12-31', 'north', 'tea', 9999), ('2023-04-01', 'south', 'tea', 9999)");

    @Test
    void allocatesTheGoalInProportionToTheBasisPeriod() throws Exception {
        var result = db.apply(allocate, """
                {"source": "sales", "target": "goal_2024", "total": 12000, "basisFrom": "2023-01-01", "basisTo": "2023-04-01",
                 "timeColumn": "day", "dimensions": ["site", "product"], "measure": "revenue"}""");

        assertThat(result.get("rows").asLong()).isEqualTo(4);
        assertThat(db.rows("SELECT site, product, basis, share, allocated FROM goal_2024")).containsExactly(
                List.of("north", "coffee", "250.0", "0.25", "3000.00"),
                List.of("north", "tea", "500.0", "0.5", "6000.00"),
                List.of("south", "coffee", "100.0", "0.1", "1200.00"),
                List.of("south", "tea", "150.0", "0.15", "1800.00"));
    }

    @Test
    void roundedAmountsAddUpToTheTotalExactly() throws Exception {
        db.setup("CREATE TABLE thirds (day DATE, site VARCHAR, units INTEGER)",
                "INSERT INTO thirds VALUES ('2024-01-01', 'a', 1), ('2024-01-01', 'b', 1), ('2024-01-01', 'c', 1)");

        db.apply(allocate, """
                {"source": "thirds", "target": "split", "total": 100, "basisFrom": "2024-01-01", "basisTo": "2024-01-02",
                 "timeColumn": "day", "dimensions": ["site"], "measure": "units", "totalColumn": "goal"}""");

        assertThat(db.rows("SELECT site, goal FROM split")).containsExactly(
                List.of("a", "33.34"), List.of("b", "33.33"), List.of("c", "33.33"));
        assertThat(db.rows("SELECT sum(goal) FROM split")).containsExactly(List.of("100.00"));
    }

    @Test
    void anEmptyBasisAndUnknownColumnsAreNamed() throws Exception {
        assertThatThrownBy(() -> db.apply(allocate, """
                {"source": "sales", "target": "g", "total": 1, "basisFrom": "2030-01-01", "basisTo": "2031-01-01",
                 "timeColumn": "day", "dimensions": ["site"], "measure": "revenue"}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("basisFrom");
                    assertThat(e.type().slug()).isEqualTo("no-basis");
                });
        assertThatThrownBy(() -> db.apply(allocate, """
                {"source": "sales", "target": "g", "total": 1, "basisFrom": "2023-01-01", "basisTo": "2024-01-01",
                 "timeColumn": "day", "dimensions": ["site", "region"], "measure": "revenue"}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.field()).isEqualTo("dimensions[1]"));
        assertThatThrownBy(() -> allocate.parseArgs(ModelDb.json("""
                {"source": "sales", "target": "g", "total": "lots", "basisFrom": "2023-01-01", "basisTo": "2024-01-01",
                 "timeColumn": "day", "dimensions": ["site"], "measure": "revenue"}""")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("total"));
        assertThatThrownBy(() -> allocate.parseArgs(ModelDb.json("""
                {"source": "sales", "target": "g", "total": 5, "basisFrom": "2024-01-01", "basisTo": "2023-01-01",
                 "timeColumn": "day", "dimensions": ["site"], "measure": "revenue"}""")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("basisTo"));
    }
}
