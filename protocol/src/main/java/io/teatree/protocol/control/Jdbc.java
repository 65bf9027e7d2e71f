package io.teatree.protocol.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The control stores' JDBC: one borrowed connection per call, parameters bound by the caller, rows mapped by
 * the caller, SQL failures as {@link ControlStoreUnavailableException} naming what could not be done.
 */
final class Jdbc {

    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface Params {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Maps the current row. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Jdbc() {
    }

    /** Runs {@code work} on a connection of {@code dataSource}; {@code what} names it in the error ("read model m"). */
    static <T> T call(DataSource dataSource, String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new ControlStoreUnavailableException(what, e);
        }
    }

    /** {@link #call} inside one transaction, rolled back when {@code work} fails. */
    static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        return call(dataSource, what, c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        });
    }

    /** The rows of one query, in order. */
    static <T> List<T> list(DataSource dataSource, String what, String sql, Params params, Row<T> row) {
        return call(dataSource, what, c -> list(c, sql, params, row));
    }

    /** The rows of one query on {@code connection}, in order. */
    static <T> List<T> list(Connection connection, String sql, Params params, Row<T> row) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            params.bind(ps);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.map(rs));
                }
            }
            return rows;
        }
    }

    /** The first row of one query, if any. */
    static <T> Optional<T> first(DataSource dataSource, String what, String sql, Params params, Row<T> row) {
        return list(dataSource, what, sql, params, row).stream().findFirst();
    }

    /** Runs one statement; returns how many rows it changed. */
    static int update(DataSource dataSource, String what, String sql, Params params) {
        return call(dataSource, what, c -> update(c, sql, params));
    }

    /** Runs one statement on {@code connection}; returns how many rows it changed. */
    static int update(Connection connection, String sql, Params params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            params.bind(ps);
            return ps.executeUpdate();
        }
    }
}
