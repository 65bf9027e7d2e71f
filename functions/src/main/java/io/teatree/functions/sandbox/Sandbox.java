package io.teatree.functions.sandbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Locks a DuckDB database so user SQL cannot reach files, extensions or settings: external access off,
 * extension auto-install/auto-load off, community extensions off, persistent secrets off, then
 * {@code lock_configuration=true} so none of it can be changed back.
 *
 * <p>The settings are database-wide: every connection of the same DuckDB instance is locked, including
 * those opened later. Call {@link #lock} once, right after opening the model file and after any
 * {@code ATTACH} the manager itself needs, and before the first user intent. Not for use inside an open
 * transaction.
 */
public final class Sandbox {

    private Sandbox() {
    }

    /** Locks the database of {@code connection} with no file access at all. */
    public static void lock(Connection connection) throws SQLException {
        lock(connection, List.of());
    }

    /**
     * Locks the database of {@code connection}, leaving file access only inside {@code allowedDirectories}
     * (DuckDB's {@code allowed_directories}), e.g. the model's {@code versions/} directory so the manager can
     * {@code ATTACH} a snapshot file and {@code COPY FROM DATABASE} into it. User SQL is still refused
     * {@code ATTACH} and {@code COPY} by {@link SqlGuard}.
     */
    public static void lock(Connection connection, Collection<Path> allowedDirectories) throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (!allowedDirectories.isEmpty()) {
                String list = allowedDirectories.stream()
                        .map(p -> literal(p.toAbsolutePath().normalize() + "/"))
                        .collect(Collectors.joining(", ", "[", "]"));
                s.execute("SET allowed_directories = " + list);
            }
            s.execute("SET enable_external_access = false");
            s.execute("SET autoinstall_known_extensions = false");
            s.execute("SET autoload_known_extensions = false");
            s.execute("SET allow_community_extensions = false");
            s.execute("SET allow_persistent_secrets = false");
            s.execute("SET lock_configuration = true");
        }
    }

    /** True when the database of {@code connection} is locked with external access off. */
    public static boolean isLocked(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('lock_configuration')::BOOLEAN"
                     + " AND NOT current_setting('enable_external_access')::BOOLEAN")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** A SQL string literal for a trusted value (single quotes doubled). */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
