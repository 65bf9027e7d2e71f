package io.teatree.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private PostgreSQL cluster made with {@code initdb} in its own directory, listening on a free loopback
 * port with trust authentication for the superuser {@value #USER}. As root, initdb and postgres run as the
 * {@code postgres} user, because initdb refuses root.
 */
public final class PostgresServer extends ServerProcess {

    public static final String USER = "teatree";
    public static final String DATABASE = "teatree";

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
            chownToPostgres(dir);
            Process init = ChildProcesses.start(asServerUser(List.of(bin.resolve("initdb").toString(), "-D", data.toString(),
                    "-U", USER, "-A", "trust", "-E", "UTF8", "--no-sync")), dir.resolve("initdb.log"), dir);
            if (init.waitFor() != 0) {
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
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "")) {
                c.createStatement().execute("CREATE DATABASE " + DATABASE);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + DATABASE, e);
            }
        }
        return this;
    }

    private void awaitAcceptingQueries() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "")) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("postgres does not accept connections on " + port, e);
                }
                Thread.sleep(50);
            }
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

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return "";
    }

}
