package io.teatree.functions.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Even with the guard bypassed, a locked connection refuses files, extensions and setting changes. */
class SandboxTest {

    @TempDir
    Path dir;
    private Path secret;
    private Connection connection;

    @BeforeEach
    void open() throws Exception {
        secret = Files.writeString(dir.resolve("secret.csv"), "a,b\n1,2\n");
        connection = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("model.duckdb"));
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE t AS SELECT 1 AS id");
        }
        assertThat(Sandbox.isLocked(connection)).isFalse();
        Sandbox.lock(connection);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void theConnectionReportsItselfLocked() throws Exception {
        assertThat(Sandbox.isLocked(connection)).isTrue();
    }

    @Test
    void filesCannotBeReadOrWrittenEvenWithoutTheGuard() {
        String out = dir.resolve("out").toString();
        List<String> statements = List.of(
                "SELECT * FROM read_csv('" + secret + "')",
                "SELECT * FROM '" + secret + "'",
                "SELECT * FROM glob('" + dir + "/*')",
                "SELECT * FROM read_text('" + secret + "')",
                "SELECT * FROM read_blob('" + secret + "')",
                "COPY t TO '" + out + ".csv'",
                "EXPORT DATABASE '" + out + "'",
                "ATTACH '" + dir.resolve("other.duckdb") + "' AS other");
        for (String sql : statements) {
            assertThatThrownBy(() -> execute(sql)).as(sql)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Permission Error");
        }
        assertThat(dir.resolve("out.csv")).doesNotExist();
        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(dir.resolve("other.duckdb")).doesNotExist();
    }

    @Test
    void settingsCannotBeChangedBack() {
        for (String sql : List.of("SET enable_external_access = true", "SET lock_configuration = false",
                "SET autoload_known_extensions = true", "RESET enable_external_access", "SET allowed_directories = ['/']")) {
            assertThatThrownBy(() -> execute(sql)).as(sql)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("configuration has been locked");
        }
    }

    @Test
    void extensionsCannotBeInstalledOrLoaded() {
        assertThatThrownBy(() -> execute("INSTALL httpfs")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> execute("LOAD httpfs")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> execute("LOAD '" + dir.resolve("evil.duckdb_extension") + "'")).isInstanceOf(SQLException.class);
    }

    @Test
    void allowedDirectoriesLetTheManagerAttachInsideItsOwnDirectoryOnly() throws Exception {
        Path versions = Files.createDirectories(dir.resolve("versions"));
        try (Connection other = DriverManager.getConnection("jdbc:duckdb:")) {
            Sandbox.lock(other, List.of(versions));
            try (Statement s = other.createStatement()) {
                s.execute("ATTACH '" + versions.resolve("v1.duckdb") + "' AS v1");
                s.execute("DETACH v1");
            }
            assertThat(versions.resolve("v1.duckdb")).exists();
            assertThatThrownBy(() -> {
                try (Statement s = other.createStatement()) {
                    s.execute("SELECT * FROM read_csv('" + secret + "')");
                }
            }).hasMessageContaining("Permission Error");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
