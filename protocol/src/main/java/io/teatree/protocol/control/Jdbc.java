package io.teatree.protocol.control;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** One borrowed connection per call, with SQL failures as {@link ControlStoreUnavailableException}. */
final class Jdbc {

    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
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
}
