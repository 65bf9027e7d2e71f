package io.teatree.functions.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.protocol.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * DuckDB's own parser, reached through {@code json_serialize_sql(?)} on a private, sandboxed in-memory
 * database. Nothing is executed or bound: the text is only parsed. Thread-safe (calls are serialised).
 */
final class DuckDbParser {

    /** The outcome of a parse: the statement trees, or DuckDB's error. */
    record Parsed(JsonNode statements, String errorType, String errorMessage) {

        /** The error type {@code json_serialize_sql} reports for a statement it parsed but cannot serialise. */
        private static final String NON_SELECT_ERROR_TYPE = "not implemented";

        boolean ok() {
            return errorType == null;
        }

        /** True when DuckDB parsed the text but it is not a SELECT (json_serialize_sql serialises only those). */
        boolean notSelect() {
            return NON_SELECT_ERROR_TYPE.equalsIgnoreCase(errorType);
        }
    }

    private static Connection connection;

    private DuckDbParser() {
    }

    static synchronized Parsed parse(String sql) {
        try {
            if (connection == null) {
                Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Sandbox.lock(c);
                connection = c;
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT json_serialize_sql(?)")) {
                ps.setString(1, sql);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    JsonNode tree = Json.MAPPER.readTree(rs.getString(1));
                    if (tree.path("error").asBoolean(false)) {
                        return new Parsed(null, tree.path("error_type").asText("parser"), tree.path("error_message").asText(""));
                    }
                    return new Parsed(tree.path("statements"), null, null);
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("DuckDB's parser is unavailable: " + e.getMessage(), e);
        }
    }
}
