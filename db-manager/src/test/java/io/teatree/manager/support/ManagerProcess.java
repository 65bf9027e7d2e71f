package io.teatree.manager.support;

import io.teatree.testkit.ChildProcesses;
import io.teatree.testkit.ServiceJvm;
import io.teatree.testkit.NatsUser;
import io.teatree.testkit.TeatreeServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real db-manager process (the packaged Quarkus jar) for one model, pointed at the testkit's servers. */
public final class ManagerProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final Path log;

    private ManagerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a manager for {@code model} with data in {@code dataDir}; {@code overrides} are extra config keys. */
    public static ManagerProcess start(String model, Path dataDir, Map<String, String> overrides) throws IOException {
        return start(model, dataDir, overrides, Map.of());
    }

    /**
     * As {@link #start(String, Path, Map)} with environment variables {@code env} added (Teatree, Quarkus and
     * OpenTelemetry settings are not inherited from this JVM, see {@link ChildProcesses#start(List, Map, Path, Path)}).
     */
    public static ManagerProcess start(String model, Path dataDir, Map<String, String> overrides, Map<String, String> env)
            throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the package phase first");
        }
        Map<String, String> config = new LinkedHashMap<>(TeatreeServers.get().serviceConfig(NatsUser.MANAGER));
        config.put("teatree.manager.model", model);
        config.put("teatree.manager.data-dir", dataDir.toString());
        config.put("teatree.manager.lease", "PT2S");
        config.put("teatree.manager.idle-timeout", "PT30S");
        config.put("quarkus.http.port", "0");
        config.putAll(overrides);
        // the settings in the environment, none on the command line: they hold passwords
        Map<String, String> environment = new LinkedHashMap<>(TeatreeServers.environment(config));
        environment.putAll(env);
        List<String> command = ServiceJvm.command("512m");
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        Path log = dataDir.resolve("manager-" + model + "-" + System.nanoTime() + ".log");
        return new ManagerProcess(ChildProcesses.start(command, environment, log, dataDir), log);
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no lease release, no ack of the batch in flight. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM and wait for the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return waitFor(timeout);
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("manager did not exit within " + timeout + "; log:\n" + logText());
        }
        return process.exitValue();
    }

    /** Waits for {@code condition}; on time-out fails with this manager's log, the first thing one wants to read. */
    public void await(Duration timeout, java.util.concurrent.Callable<Boolean> condition) {
        try {
            org.awaitility.Awaitility.await().atMost(timeout).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String text = logText();
            throw new AssertionError(e.getMessage() + "\nmanager log (last 8000 chars):\n"
                    + text.substring(Math.max(0, text.length() - 8000)), e);
        }
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
