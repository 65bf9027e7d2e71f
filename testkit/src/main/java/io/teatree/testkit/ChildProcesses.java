package io.teatree.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts server processes that die with this JVM, even when it is killed with SIGKILL.
 *
 * <p>Each child is wrapped in {@code setpriv --pdeathsig KILL}. The kernel delivers that signal when the
 * <em>thread</em> that forked the child ends, so every start happens on one daemon thread that lives as
 * long as the JVM. Thread-safe.
 */
public final class ChildProcesses {

    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "testkit-spawner");
        t.setDaemon(true);
        return t;
    });

    private ChildProcesses() {
    }

    /** Starts {@code command}, output appended to {@code log}; the child gets SIGKILL when this JVM dies. */
    public static Process start(List<String> command, Path log, Path workDir) throws IOException {
        return start(command, java.util.Map.of(), log, workDir);
    }

    /**
     * As {@link #start(List, Path, Path)}, with {@code environment} added to the inherited environment. Teatree,
     * Quarkus and OpenTelemetry settings ({@code TEATREE_*}, {@code QUARKUS_*}, {@code OTEL_*}) are not inherited,
     * so a developer's shell does not change what a test sees; pass them in {@code environment} where wanted.
     */
    public static Process start(List<String> command, java.util.Map<String, String> environment, Path log, Path workDir)
            throws IOException {
        List<String> wrapped = new ArrayList<>();
        wrapped.add(Binaries.require("setpriv", "util-linux"));
        wrapped.add("--pdeathsig");
        wrapped.add("KILL");
        wrapped.addAll(command);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(wrapped)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("TEATREE_") || key.startsWith("QUARKUS_") || key.startsWith("OTEL_"));
        builder.environment().putAll(environment);
        try {
            return SPAWNER.submit(builder::start).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + command.get(0), e);
        } catch (ExecutionException e) {
            throw new IOException("cannot start " + command.get(0) + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Stops a child: SIGTERM, then SIGKILL after the grace period. */
    public static void stop(Process process, long graceMillis) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(graceMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** True when this JVM runs as root, where Postgres must be started as another user. */
    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
