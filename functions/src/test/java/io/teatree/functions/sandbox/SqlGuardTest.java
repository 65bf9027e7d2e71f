package io.teatree.functions.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.InvalidFieldException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlGuardTest {

    /** Hostile statements and the reason each is refused with, for the {@code sql} function and for queries. */
    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("SELECT * FROM read_csv('/etc/passwd')", "read_csv() reads files"),
                Arguments.of("select * from READ_CSV_AUTO('/etc/passwd')", "read_csv_auto() reads files"),
                Arguments.of("SELECT * FROM \"read_csv\"('/etc/passwd')", "read_csv() reads files"),
                Arguments.of("SELECT * FROM read_parquet('s3://bucket/x.parquet')", "read_parquet() reads files"),
                Arguments.of("SELECT * FROM parquet_scan('/data/x.parquet')", "parquet_scan() reads files"),
                Arguments.of("SELECT * FROM read_json_auto('/etc/x.json')", "read_json_auto() reads files"),
                Arguments.of("SELECT content FROM read_text('/etc/shadow')", "read_text() reads files"),
                Arguments.of("SELECT content FROM read_blob('/etc/shadow')", "read_blob() reads files"),
                Arguments.of("SELECT * FROM glob('/*')", "glob() reads files"),
                Arguments.of("SELECT * FROM sniff_csv('/etc/passwd')", "sniff_csv() reads files"),
                Arguments.of("SELECT * FROM query('SELECT 1')", "query() reads files, runs SQL text"),
                Arguments.of("SELECT * FROM '/etc/passwd'", "reading a file ('/etc/passwd')"),
                Arguments.of("SELECT * FROM '/etc/*'", "reading a file ('/etc/*')"),
                Arguments.of("SELECT * FROM t JOIN 'x.csv' USING (id)", "reading a file ('x.csv')"),
                Arguments.of("SELECT * FROM t, 'data.parquet'", "reading a file ('data.parquet')"),
                Arguments.of("COPY t TO '/tmp/x'", "COPY is refused"),
                Arguments.of("COPY (SELECT 1) TO '/tmp/x.csv'", "COPY is refused"),
                Arguments.of("ATTACH '/tmp/other.duckdb' AS o", "ATTACH is refused"),
                Arguments.of("DETACH o", "DETACH is refused"),
                Arguments.of("INSTALL httpfs", "INSTALL is refused"),
                Arguments.of("LOAD httpfs", "LOAD is refused: loading extensions"),
                Arguments.of("SET enable_external_access = true", "SET is refused: changing settings"),
                Arguments.of("RESET lock_configuration", "SET is refused: changing settings"),
                Arguments.of("PRAGMA enable_profiling", "PRAGMA is refused"),
                Arguments.of("SELECT * FROM pragma_database_list()", "pragma_database_list() reads files"),
                Arguments.of("EXPORT DATABASE '/tmp/dump'", "EXPORT is refused"),
                Arguments.of("IMPORT DATABASE '/tmp/dump'", "PRAGMA is refused"),
                Arguments.of("CALL pragma_version()", "pragma_version() reads files"),
                Arguments.of("CALL teatree_macro()", "CALL is refused"),
                Arguments.of("CHECKPOINT", "CHECKPOINT is refused"),
                Arguments.of("CREATE SECRET s (TYPE s3, KEY_ID 'x')", "SECRET is refused"),
                Arguments.of("SELECT 1; SELECT 2", "one statement per string"),
                Arguments.of("SELECT 1; DROP TABLE t", "one statement per string"),
                Arguments.of("SELECT 1 /* hidden */", "block comments"),
                Arguments.of("COMMIT", "TRANSACTION is refused: transactions are managed"),
                Arguments.of("SELECT * FROM _teatree.applied", "'_teatree' is reserved"),
                Arguments.of("SELECT getenv('HOME')", "getenv() reads files"),
                Arguments.of("SELECT * FROM _teatree_arrow_1", "reserved for the db-manager"));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileStatementsAreRefusedForTheSqlFunction(String sql, String reason) {
        assertThatThrownBy(() -> SqlGuard.check(sql, "statements[0]"))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("statements[0]");
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileStatementsAreRefusedForQueries(String sql, String ignored) {
        assertThatThrownBy(() -> SqlGuard.checkReadOnly(sql))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("sql"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE TABLE goals (site VARCHAR, amount DECIMAL(10,2))",
            "INSERT INTO goals VALUES ('north', 1.5)",
            "INSERT INTO goals SELECT site, sum(amount) FROM sales GROUP BY site",
            "UPDATE goals SET amount = amount * 2 WHERE site = 'it''s; COPY'",
            "DELETE FROM goals WHERE site LIKE 'n%'",
            "ALTER TABLE goals ADD COLUMN note VARCHAR",
            "CREATE OR REPLACE VIEW v AS SELECT * FROM goals -- a comment",
            "DROP TABLE IF EXISTS old_goals;",
            "SELECT \"copy\", \"load\" FROM goals"})
    void ordinaryDdlAndDmlPass(String sql) {
        assertThatCode(() -> SqlGuard.check(sql, "statements[0]")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO goals VALUES (1)", "CREATE TABLE x (a INT)", "DELETE FROM goals",
            "UPDATE goals SET a = 1", "DROP TABLE goals", "ALTER TABLE goals ADD COLUMN b INT"})
    void queriesThatWriteAreRefusedInReadOnlyMode(String sql) {
        assertThatThrownBy(() -> SqlGuard.checkReadOnly(sql))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("only queries");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "WITH d AS (DELETE FROM sales RETURNING *) SELECT * FROM d",
            "WITH i AS (INSERT INTO sales VALUES (1, 'x', 2) RETURNING id) SELECT count(*) FROM i",
            "WITH u AS (UPDATE sales SET amount = 0 RETURNING id) SELECT * FROM u",
            "SELECT * FROM (WITH d AS (DELETE FROM sales RETURNING id) SELECT * FROM d)",
            "SELECT (WITH d AS (DELETE FROM sales RETURNING id) SELECT count(*) FROM d)",
            "WITH a AS (SELECT 1), d AS (DELETE FROM sales RETURNING id) SELECT * FROM a, d",
            "WITH d AS MATERIALIZED (DELETE FROM sales RETURNING id) SELECT * FROM d UNION SELECT 1"})
    void dataModifyingCtesAreRefusedInReadOnlyMode(String sql) {
        assertThatThrownBy(() -> SqlGuard.checkReadOnly(sql))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("sql");
                    assertThat(e.getMessage()).containsAnyOf("only reads are allowed", "only queries");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT site, sum(amount) FROM sales GROUP BY ALL", "FROM sales LIMIT 3",
            "WITH a AS (SELECT 1 AS x) SELECT * FROM a", "DESCRIBE sales", "SELECT * FROM sales WHERE id = ?",
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r",
            "WITH a AS MATERIALIZED (SELECT 1 AS x) SELECT * FROM a UNION ALL SELECT 2",
            "SELECT 'DELETE FROM sales' AS text"})
    void readOnlyQueriesPass(String sql) {
        assertThatCode(() -> SqlGuard.checkReadOnly(sql)).doesNotThrowAnyException();
    }

    @Test
    void syntaxErrorsAreReportedWithDuckDbsMessage() {
        assertThatThrownBy(() -> SqlGuard.check("CREATE TABLE (", "statements[2]"))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("statements[2]");
                    assertThat(e.getMessage()).contains("does not parse", "syntax error");
                });
    }

    @Test
    void predicatesCountTheirParametersAndCannotBreakOut() {
        assertThat(SqlGuard.checkPredicate("site = ? AND amount > ?", "where")).isEqualTo(2);
        assertThat(SqlGuard.checkPredicate("note = 'what?'", "where")).isZero();
        assertThatThrownBy(() -> SqlGuard.checkPredicate("1=1) OR (1=1", "where"))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("unbalanced");
        assertThatThrownBy(() -> SqlGuard.checkPredicate("1=1; DROP TABLE t", "where"))
                .isInstanceOf(InvalidFieldException.class);
        assertThatThrownBy(() -> SqlGuard.checkPredicate("id IN (SELECT a FROM read_csv('/etc/passwd'))", "where"))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("read_csv");
        assertThatThrownBy(() -> SqlGuard.checkPredicate("id = 1 --", "where"))
                .isInstanceOf(InvalidFieldException.class);
    }

    @Test
    void stringsAndIdentifiersDoNotHideKeywordsFromTheTokenizer() {
        var tokens = SqlTokenizer.tokenize("SELECT 'a;b', \"c\"\"d\", $$x;y$$, E'\\';COPY' FROM t WHERE x = ${p}", "sql");
        assertThat(tokens).extracting(SqlToken::kind).containsExactly(
                SqlToken.Kind.WORD, SqlToken.Kind.STRING, SqlToken.Kind.SYMBOL, SqlToken.Kind.QUOTED_IDENTIFIER,
                SqlToken.Kind.SYMBOL, SqlToken.Kind.STRING, SqlToken.Kind.SYMBOL, SqlToken.Kind.STRING,
                SqlToken.Kind.WORD, SqlToken.Kind.WORD, SqlToken.Kind.WORD, SqlToken.Kind.WORD, SqlToken.Kind.SYMBOL,
                SqlToken.Kind.PLACEHOLDER);
        assertThatThrownBy(() -> SqlTokenizer.tokenize("SELECT 'open", "sql"))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("unterminated string");
    }
}
