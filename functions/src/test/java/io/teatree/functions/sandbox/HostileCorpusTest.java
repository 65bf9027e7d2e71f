package io.teatree.functions.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.teatree.functions.InvalidFieldException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A generated corpus of statements that try to smuggle a second statement, a transaction end or a write to
 * the db-manager's state past the guard: every dollar-quote tag class, unicode, comments, CTEs and string
 * tricks around each payload. Each is refused, or, when the guard lets it through, it is run on a locked
 * model-like database and must be harmless: the ledger and meta rows, the catalog and the transaction are
 * all unchanged afterwards.
 */
class HostileCorpusTest {

    /** Dollar-quote tags of every class: none, ASCII, digit, underscore, accented letter, symbol, CJK, emoji, combining. */
    private static final List<String> TAGS = List.of("", "a", "tag_1", "_", "é", "×", "表", "\uD83D\uDE00", "e\u0301", "A$B");

    /** What a smuggled statement would do if it ran. */
    private static final List<String> PAYLOADS = List.of(
            "COMMIT",
            "INSERT INTO _teatree.applied VALUES ('forged')",
            "UPDATE _teatree.meta SET value = 999 WHERE key = 'epoch'",
            "DROP TABLE _teatree.meta",
            "SET enable_external_access = true",
            "ATTACH '/tmp/x.duckdb' AS x",
            "CREATE MACRO hash(x) AS 42");

    private static Connection model;

    @BeforeAll
    static void openModel() throws SQLException {
        model = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = model.createStatement()) {
            st.execute("CREATE SCHEMA _teatree");
            st.execute("CREATE TABLE _teatree.applied (id VARCHAR)");
            st.execute("CREATE TABLE _teatree.meta (key VARCHAR PRIMARY KEY, value BIGINT)");
            st.execute("INSERT INTO _teatree.meta VALUES ('epoch', 1), ('version', 7)");
            st.execute("CREATE TABLE t (a INTEGER, b VARCHAR)");
        }
        Sandbox.lock(model);
        model.setAutoCommit(false);
    }

    @AfterAll
    static void closeModel() throws SQLException {
        model.close();
    }

    static Stream<String> corpus() {
        List<String> out = new ArrayList<>();
        for (String payload : PAYLOADS) {
            out.add("SELECT 1; " + payload);
            out.add("SELECT 1;\n" + payload + ";");
            out.add("SELECT 1 -- comment\n; " + payload);
            out.add("SELECT 1 -- ; \n" + payload);
            out.add("SELECT 'a'';' ; " + payload);
            out.add("SELECT E'\\'; " + payload + "; --'");
            out.add("SELECT \"x;\" FROM t; " + payload);
            out.add("WITH d AS (SELECT 1) SELECT * FROM d; " + payload);
            out.add("SELECT '\u2028'; " + payload);
            out.add("SELECT 1\u00A0; " + payload);
            out.add(payload);
            for (String tag : TAGS) {
                String q = "$" + tag + "$";
                out.add("SELECT " + q + " ; " + q + "; " + payload + "; SELECT " + q + " ; " + q);
                out.add("SELECT " + q + " x " + q + " ; " + payload);
                out.add("SELECT $" + tag + "x$ ; " + payload + " ; $" + tag + "x$");
            }
        }
        return out.stream();
    }

    @Test
    void theCorpusIsLarge() {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void eachIsRefusedOrHarmlessForTheSqlFunction(String sql) throws SQLException {
        String statement;
        try {
            statement = SqlGuard.check(sql, "statements[0]");
        } catch (InvalidFieldException refused) {
            assertThat(refused.field()).isEqualTo("statements[0]");
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        provedHarmless(statement);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void eachIsRefusedOrHarmlessForTheQueryPath(String sql) throws SQLException {
        String statement;
        try {
            statement = SqlGuard.checkReadOnly(sql);
        } catch (InvalidFieldException refused) {
            assertThat(refused.field()).isEqualTo("sql");
            return;
        }
        provedHarmless(statement);
    }

    private static void provedHarmless(String statement) throws SQLException {
        String before = state();
        String transaction = transaction();
        try (Statement st = model.createStatement()) {
            st.execute(statement);
            assertThat(transaction()).as("transaction after %s", statement).isEqualTo(transaction);
        } catch (SQLException ranAndFailed) {
            model.rollback();
        }
        assertThat(state()).as("state after %s", statement).isEqualTo(before);
        model.rollback();
    }

    private static String transaction() throws SQLException {
        return text("SELECT txid_current()::VARCHAR");
    }

    /** Ledger, meta and catalog: what no user statement may change. */
    private static String state() throws SQLException {
        return text("SELECT (SELECT count(*) FROM _teatree.applied)::VARCHAR"
                     + " || (SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM _teatree.meta)"
                     + " || (SELECT string_agg(schema_name || '.' || table_name, ',' ORDER BY 1) FROM duckdb_tables())"
                     + " || (SELECT count(*) FROM duckdb_functions() WHERE NOT internal)::VARCHAR");
    }

    private static String text(String query) throws SQLException {
        try (Statement st = model.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
