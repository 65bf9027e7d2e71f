package io.teatree.functions.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.testing.ModelDb;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqlFunctionTest {

    private final SqlFunction sql = new SqlFunction();

    @RegisterExtension
    final ModelDb db = ModelDb.with();

    @Test
    void runsDdlAndDmlInOrderForOwnersOnly() throws Exception {
        assertThat(sql.ownerOnly()).isTrue();

        var result = db.apply(sql, """
                {"statements": ["CREATE TABLE t (id INTEGER, name VARCHAR)",
                                "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')",
                                "UPDATE t SET name = upper(name) WHERE id >= 2;",
                                "DELETE FROM t WHERE id = 1"]}""");

        assertThat(result.get("statements").asInt()).isEqualTo(4);
        assertThat(result.get("rows").toString()).isEqualTo("[0,3,2,1]");
        assertThat(db.rows("SELECT id, name FROM t ORDER BY id")).containsExactly(List.of("2", "B"), List.of("3", "C"));
    }

    @Test
    void aHostileStatementIsRefusedNamingItsIndex() {
        assertThatThrownBy(() -> sql.parseArgs(ModelDb.json("""
                {"statements": ["CREATE TABLE t (id INTEGER)", "COPY t TO '/tmp/x.csv'"]}""")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("statements[1]");
                    assertThat(e.getMessage()).contains("COPY is refused");
                });
    }

    @Test
    void hostileStatementsFailAsIntentsEvenWhenParseArgsIsSkipped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path secret = java.nio.file.Files.writeString(dir.resolve("secret.csv"), "a\n1\n");
        List<String> hostile = List.of(
                "CREATE TABLE stolen AS SELECT * FROM read_csv('" + secret + "')",
                "CREATE TABLE stolen AS SELECT * FROM '" + secret + "'",
                "COPY (SELECT 1) TO '" + dir.resolve("out.csv") + "'",
                "ATTACH '" + dir.resolve("other.duckdb") + "' AS other",
                "INSTALL httpfs",
                "LOAD httpfs",
                "SET enable_external_access = true",
                "PRAGMA enable_profiling",
                "CREATE TABLE files AS SELECT * FROM glob('" + dir + "/*')",
                "CREATE TABLE t AS SELECT content FROM read_text('" + secret + "')",
                "EXPORT DATABASE '" + dir.resolve("dump") + "'",
                "CALL pragma_version()",
                "CREATE TABLE a (x INT); DROP TABLE b");
        for (String statement : hostile) {
            assertThatThrownBy(() -> db.applyParsed(sql, new SqlFunction.Args(List.of(statement)), null)).as(statement)
                    .isInstanceOfSatisfying(FunctionException.class, e -> {
                        assertThat(e.type().slug()).isEqualTo("sandbox-violation");
                        assertThat(e.field()).isEqualTo("statements[0]");
                        assertThat(e.detail()).containsAnyOf("refused", "not allowed", "one statement per string");
                    });
        }
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files).containsExactly(secret);
        }
        assertThat(db.rows("SELECT count(*) FROM duckdb_tables()")).containsExactly(List.of("0"));
    }

    @Test
    void aFailingStatementRollsBackTheWholeIntent() throws Exception {
        assertThatThrownBy(() -> db.apply(sql, """
                {"statements": ["CREATE TABLE t (id INTEGER PRIMARY KEY)", "INSERT INTO t VALUES (1), (1)"]}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("statements[1]");
                    assertThat(e.type().slug()).isEqualTo("constraint-violation");
                });
        assertThat(db.rows("SELECT count(*) FROM duckdb_tables() WHERE table_name = 't'")).containsExactly(List.of("0"));

        assertThatThrownBy(() -> db.apply(sql, "{\"statements\": [\"INSERT INTO missing VALUES (1)\"]}"))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("statements[0]");
                    assertThat(e.type().slug()).isEqualTo("unknown-table");
                });
    }
}
