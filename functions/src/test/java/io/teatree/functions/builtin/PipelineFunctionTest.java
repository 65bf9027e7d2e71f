package io.teatree.functions.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.testing.ModelDb;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PipelineFunctionTest {

    private final PipelineFunction pipeline = new PipelineFunction();

    @RegisterExtension
    final ModelDb db = ModelDb.with("CREATE TABLE sales (site VARCHAR, product VARCHAR, amount DOUBLE, day DATE)",
            "INSERT INTO sales VALUES ('north', 'tea', 10, '2024-01-05'), ('north', 'tea', 5, '2024-02-01'),"
                    + " ('south', 'tea', 7, '2024-01-09'), ('o''hara', 'cocoa', 3, '2024-01-10')");

    @Test
    void chainsNamedStagesWithParametersIntoTheTarget() throws Exception {
        var result = db.apply(pipeline, """
                {"target": "january", "params": {"from": "2024-01-01", "to": "2024-02-01", "factor": 1.5},
                 "stages": [
                   {"name": "period", "sql": "SELECT * FROM sales WHERE day >= CAST(${from} AS DATE) AND day < CAST(${to} AS DATE)"},
                   {"name": "by_site", "sql": "SELECT site, sum(amount) * ${factor} AS goal FROM period GROUP BY site ORDER BY site;"}
                 ]}""");

        assertThat(result.get("rows").asLong()).isEqualTo(3);
        assertThat(result.get("stages").asInt()).isEqualTo(2);
        assertThat(db.rows("SELECT site, goal FROM january ORDER BY site")).containsExactly(
                List.of("north", "15.0"), List.of("o'hara", "4.5"), List.of("south", "10.5"));
    }

    @Test
    void stringParametersAreQuotedLiteralsNotSql() throws Exception {
        db.apply(pipeline, """
                {"target": "picked", "params": {"site": "o'hara' OR '1'='1"},
                 "stages": [{"name": "s", "sql": "SELECT * FROM sales WHERE site = ${site}"}]}""");

        assertThat(db.count("picked")).isZero();
        db.apply(pipeline, """
                {"target": "picked", "params": {"site": "o'hara"},
                 "stages": [{"name": "s", "sql": "SELECT product FROM sales WHERE site = ${site} AND '${site}' = '${site}'"}]}""");
        assertThat(db.rows("SELECT product FROM picked")).containsExactly(List.of("cocoa"));
    }

    @Test
    void ddlInsideAStageAndUnknownParametersAreRefused() {
        assertThatThrownBy(() -> pipeline.parseArgs(ModelDb.json("""
                {"target": "t", "stages": [{"name": "a", "sql": "SELECT 1"}, {"name": "b", "sql": "DROP TABLE sales"}]}""")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("stages[1].sql");
                    assertThat(e.getMessage()).contains("not DROP");
                });
        assertThatThrownBy(() -> pipeline.parseArgs(ModelDb.json("""
                {"target": "t", "stages": [{"name": "a", "sql": "SELECT * FROM read_parquet('/x.parquet')"}]}""")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("stages[0].sql"));
        assertThatThrownBy(() -> pipeline.parseArgs(ModelDb.json("""
                {"target": "t", "stages": [{"name": "a", "sql": "SELECT ${missing}"}]}""")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("stages[0].sql");
                    assertThat(e.getMessage()).contains("${missing}");
                });
        assertThatThrownBy(() -> pipeline.parseArgs(ModelDb.json("""
                {"target": "t", "params": {"p": [1, 2]}, "stages": [{"name": "a", "sql": "SELECT ${p}"}]}""")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("params.p"));
        assertThatThrownBy(() -> pipeline.parseArgs(ModelDb.json("""
                {"target": "t", "stages": [{"name": "a", "sql": "SELECT 1"}, {"name": "A", "sql": "SELECT 2"}]}""")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("stages[1].name"));
    }

    @Test
    void aStageThatFailsToBindNamesTheStages() throws Exception {
        assertThatThrownBy(() -> db.apply(pipeline, """
                {"target": "t", "stages": [{"name": "a", "sql": "SELECT colour FROM sales"}]}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("stages");
                    assertThat(e.detail()).contains("colour");
                });
    }
}
