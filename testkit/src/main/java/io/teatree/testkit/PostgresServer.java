package io.teatree.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private PostgreSQL cluster made with {@code initdb} in its own directory, listening on a free loopback
 * port, locked: SCRAM password authentication for every connection (nothing trusts), the superuser
 * {@value #ADMIN} for set-up only, and the application role {@value #USER} (no superuser, no CREATEDB, no
 * CREATEROLE) owning only the schema {@code teatree} of the database {@value #DATABASE} (docs/security.md).
 * Passwords are random, fixed for this object's life. As root, initdb and postgres run as the {@code postgres}
 * user, because initdb refuses root.
 */
public final class PostgresServer extends ServerProcess {

    /** The application role services connect as. */
    public static final String USER = "teatree";
    /** The superuser, for set-up (creating databases) only. */
    public static final String ADMIN = "teatree_admin";
    public static final String DATABASE = "teatree";

    private final String password = Secrets.password();
    private final String adminPassword = Secrets.password();

    public PostgresServer(Path dir) {
        super(dir);
    }

    public synchronized PostgresServer start() throws IOException, InterruptedException {
        if (running()) {
            return this;
        }
        Path bin = Binaries.postgresBin();
        Path data = dir.resolve("data");
        boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
        if (fresh) {
            Files.createDirectories(data);
            Path pwfile = dir.resolve("admin-password");
            Files.deleteIfExists(pwfile);
            Files.createFile(pwfile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(pwfile, adminPassword + "\n");
            chownToPostgres(dir);
            Process init = ChildProcesses.start(asServerUser(List.of(bin.resolve("initdb").toString(), "-D", data.toString(),
                    "-U", ADMIN, "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--no-sync")), dir.resolve("initdb.log"), dir);
            int exit = init.waitFor();
            Files.delete(pwfile);
            if (exit != 0) {
                throw new IllegalStateException("initdb failed, see " + dir.resolve("initdb.log") + ": " + Files.readString(dir.resolve("initdb.log")));
            }
        }
        Process process = ChildProcesses.start(asServerUser(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", String.valueOf(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "max_connections=200")), dir.resolve("postgres.log"), dir);
        started(process);
        Ports.await(port, process, Duration.ofSeconds(60), "postgres");
        awaitAcceptingQueries();
        if (fresh) {
            try (Connection c = admin("postgres"); Statement s = c.createStatement()) {
                s.execute(resource("postgres-cluster.sql").replace("@APP_PASSWORD@", password));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the role " + USER, e);
            }
            createDatabase(DATABASE);
        }
        return this;
    }

    /**
     * Creates {@code name} (when missing) as the admin and makes it one the application role can use, with its own
     * schema {@code teatree}; returns its JDBC URL. For tests that need a database of their own.
     */
    public String createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try {
            try (Connection c = admin("postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + name);
                }
            }
            try (Connection c = admin(name); Statement s = c.createStatement()) {
                s.execute(resource("postgres-database.sql"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return jdbcUrl(name);
    }

    private Connection admin(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), ADMIN, adminPassword);
    }

    private void awaitAcceptingQueries() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Connection c = admin("postgres")) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("postgres does not accept connections on " + port, e);
                }
                Thread.sleep(50);
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = PostgresServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> asServerUser(List<String> command) {
        if (!ChildProcesses.runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(Binaries.require("setpriv", "util-linux"),
                "--reuid=postgres", "--regid=postgres", "--init-groups", "--pdeathsig", "KILL"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void chownToPostgres(Path dir) throws IOException, InterruptedException {
        if (!ChildProcesses.runningAsRoot()) {
            return;
        }
        Process chown = new ProcessBuilder("chown", "-R", "postgres:postgres", dir.toString()).inheritIO().start();
        if (chown.waitFor() != 0) {
            throw new IllegalStateException("chown postgres " + dir + " failed");
        }
    }

    /** Stops the server (SIGTERM: smart shutdown, then SIGKILL); the cluster stays for a later {@link #start()}. */
    @Override
    public void stop() {
        stopProcess(10_000);
    }

    /** The JDBC URL of {@value #DATABASE}. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** The JDBC URL of another database of this cluster (see {@link #createDatabase}). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The cluster's data directory (holds {@code pg_hba.conf}). */
    public Path dataDir() {
        return dir.resolve("data");
    }

    /** The application role, {@value #USER}. */
    public String user() {
        return USER;
    }

    /** The application role's password. */
    public String password() {
        return password;
    }

    /** The superuser, {@value #ADMIN}: for set-up in tests only, never given to a service. */
    public String adminUser() {
        return ADMIN;
    }

    public String adminPassword() {
        return adminPassword;
    }
}
