package io.teatree.functions.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/**
 * A connection to the process's private in-memory staging DuckDB, used to read payload files and check rows:
 * unlike the sandboxed model connection it may read files, but it only ever runs statements built by this
 * module, never user SQL. Extension auto-install and auto-load are off so nothing is fetched from the
 * network. The database is opened once per process (opening one costs tens of milliseconds); each
 * {@link #open()} gets its own connection, and everything it stages lives in that connection's temporary
 * tables, dropped when it is closed. One connection per load; not thread-safe, but loads on different
 * threads do not see each other.
 */
public final class TrustedDuckDb implements AutoCloseable {

    private static DuckDBConnection shared;

    private final DuckDBConnection connection;

    private TrustedDuckDb(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** A new connection to the staging database. */
    public static TrustedDuckDb open() throws SQLException {
        return new TrustedDuckDb(database().duplicate());
    }

    private static synchronized DuckDBConnection database() throws SQLException {
        if (shared == null) {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = c.createStatement()) {
                s.execute("SET autoinstall_known_extensions = false");
                s.execute("SET autoload_known_extensions = false");
                s.execute("SET allow_community_extensions = false");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            shared = c.unwrap(DuckDBConnection.class);
        }
        return shared;
    }

    public DuckDBConnection connection() {
        return connection;
    }

    public void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
