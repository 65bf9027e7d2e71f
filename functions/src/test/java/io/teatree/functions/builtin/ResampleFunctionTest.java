package io.teatree.functions.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.testing.ModelDb;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResampleFunctionTest {

    private final ResampleFunction resample = new ResampleFunction();

    @RegisterExtension
    final ModelDb db = ModelDb.with("CREATE TABLE readings (ts TIMESTAMP, site VARCHAR, kwh DOUBLE)",
            "INSERT INTO readings VALUES ('2024-03-01 00:10', 'a', 1.5), ('2024-03-01 00:50', 'a', 2.5),"
                    + " ('2024-03-01 01:20', 'a', 4), ('2024-03-01 00:30', 'b', 10)");

    @Test
    void bucketsAndAggregatesIntoTheTarget() throws Exception {
        String args = """
                {"source": "readings", "target": "hourly", "timeColumn": "ts", "every": "1 hour", "groupBy": ["site"],
                 "aggregations": {"total": "sum(kwh)", "n": {"fn": "count", "column": "*"}, "latest": "last(kwh)", "earliest": "first(kwh)"}}""";

        var result = db.apply(resample, args);

        assertThat(result.get("rows").asLong()).isEqualTo(3);
        assertThat(db.rows("SELECT ts::VARCHAR, site, total, n, latest, earliest FROM hourly")).containsExactly(
                List.of("2024-03-01 00:00:00", "a", "4.0", "2", "2.5", "1.5"),
                List.of("2024-03-01 00:00:00", "b", "10.0", "1", "10.0", "10.0"),
                List.of("2024-03-01 01:00:00", "a", "4.0", "1", "4.0", "4.0"));

        db.setup("INSERT INTO readings VALUES ('2024-03-01 01:40', 'a', 1)");
        db.apply(resample, args);
        assertThat(db.rows("SELECT total FROM hourly WHERE ts = '2024-03-01 01:00' AND site = 'a'")).containsExactly(List.of("5.0"));
    }

    @Test
    void badArgumentsNameTheirField() {
        assertThatThrownBy(() -> resample.parseArgs(ModelDb.json("""
                {"source": "readings", "target": "h", "timeColumn": "ts", "every": "1 fortnight", "aggregations": {"t": "sum(kwh)"}}""")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("every"));
        assertThatThrownBy(() -> resample.parseArgs(ModelDb.json("""
                {"source": "readings", "target": "h", "timeColumn": "ts", "every": "1 day", "aggregations": {"t": "exec(kwh)"}}""")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("aggregations.t"));
        assertThatThrownBy(() -> resample.parseArgs(ModelDb.json("""
                {"source": "readings", "target": "h", "timeColumn": "ts", "every": "1 day", "aggregations": {"t": "sum(kwh); drop"}}""")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("aggregations.t"));
    }

    @Test
    void unknownColumnsAndANonTimeColumnFailBeforeAnySql() throws Exception {
        assertThatThrownBy(() -> db.apply(resample, """
                {"source": "readings", "target": "h", "timeColumn": "ts", "every": "1 day", "aggregations": {"t": "sum(watts)"}}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("aggregations.t");
                    assertThat(e.type().slug()).isEqualTo("unknown-column");
                });
        assertThatThrownBy(() -> db.apply(resample, """
                {"source": "readings", "target": "h", "timeColumn": "site", "every": "1 day", "aggregations": {"t": "sum(kwh)"}}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("timeColumn");
                    assertThat(e.type().slug()).isEqualTo("type-mismatch");
                });
        assertThatThrownBy(() -> db.apply(resample, """
                {"source": "nothing", "target": "h", "timeColumn": "ts", "every": "1 day", "aggregations": {"t": "sum(kwh)"}}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.field()).isEqualTo("source"));
    }
}
