package io.teatree.functions.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.protocol.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB's own parser, reached through {@code json_serialize_sql(?)} on a private, sandboxed in-memory
 * database. Nothing is executed or bound: the text is only parsed. Thread-safe without a global lock: each
 * thread parses on its own connection to the one shared parser database.
 */
final class DuckDbParser {

    /** The outcome of a parse: the statement trees, or DuckDB's error. */
    record Parsed(JsonNode statements, String errorType, String errorMessage, String errorSubtype) {

        /** The error type {@code json_serialize_sql} reports for a statement it parsed but cannot serialise. */
        private static final String NON_SELECT_ERROR_TYPE = "not implemented";

        boolean ok() {
            return errorType == null;
        }

        /** True when DuckDB parsed the text but it is not a SELECT (json_serialize_sql serialises only those). */
        boolean notSelect() {
            return NON_SELECT_ERROR_TYPE.equalsIgnoreCase(errorType);
        }

        /** True when DuckDB's grammar refused the text (as opposed to a statement it parsed and then refused to transform). */
        boolean syntaxError() {
            return "SYNTAX_ERROR".equals(errorSubtype);
        }

        /** True when the grammar accepted the text: parsed fine, or refused only after parsing. */
        boolean grammatical() {
            return ok() || notSelect() || ("parser".equalsIgnoreCase(errorType) && !syntaxError());
        }
    }

    private static final Connection ROOT = open();

    private static final ThreadLocal<Connection> CONNECTIONS = ThreadLocal.withInitial(() -> {
        try {
            return ((DuckDBConnection) ROOT).duplicate();
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB's parser is unavailable: " + e.getMessage(), e);
        }
    });

    /** Names of DuckDB's built-in functions, lower case. */
    private static final java.util.Set<String> BUILTINS = builtins();

    private DuckDbParser() {
    }

    /** True when {@code name} (any case) is one of DuckDB's built-in functions or macros. */
    static boolean isBuiltinFunction(String name) {
        return BUILTINS.contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    private static java.util.Set<String> builtins() {
        java.util.Set<String> names = new java.util.HashSet<>();
        try (java.sql.Statement st = ROOT.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT lower(function_name) FROM duckdb_functions() WHERE internal")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB's parser is unavailable: " + e.getMessage(), e);
        }
        return java.util.Set.copyOf(names);
    }

    private static Connection open() {
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            Sandbox.lock(c);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB's parser is unavailable: " + e.getMessage(), e);
        }
    }

    static Parsed parse(String sql) {
        try (PreparedStatement ps = CONNECTIONS.get().prepareStatement("SELECT json_serialize_sql(?)")) {
            ps.setString(1, sql);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                JsonNode tree = Json.MAPPER.readTree(rs.getString(1));
                if (tree.path("error").asBoolean(false)) {
                    return new Parsed(null, tree.path("error_type").asText("parser"), tree.path("error_message").asText(""),
                            tree.path("error_subtype").asText(""));
                }
                return new Parsed(tree.path("statements"), null, null, null);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("DuckDB's parser is unavailable: " + e.getMessage(), e);
        }
    }
}
