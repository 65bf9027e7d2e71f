package io.teatree.functions.builtin;

import io.teatree.functions.FunctionException;
import io.teatree.functions.table.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs statements built by the functions on the model connection, mapping errors to problems. */
final class ModelSql {

    private ModelSql() {
    }

    /** Executes {@code sql}; returns the update count, or 0 for statements without one. */
    static long update(Connection connection, String sql, String field) throws FunctionException {
        try {
            return update(connection, sql);
        } catch (SQLException e) {
            throw SqlErrors.toFunctionException(e, field);
        }
    }

    static long update(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (s.execute(sql)) {
                return 0;
            }
            long count = s.getLargeUpdateCount();
            return Math.max(count, 0);
        }
    }

    /** The number of rows in {@code table} (a quoted name). */
    static long count(Connection connection, String table, String field) throws FunctionException {
        try (Statement s = connection.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw SqlErrors.toFunctionException(e, field);
        }
    }
}
