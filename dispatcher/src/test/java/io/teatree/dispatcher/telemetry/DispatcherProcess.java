package io.teatree.dispatcher.telemetry;

import static org.awaitility.Awaitility.await;

import io.teatree.testkit.ChildProcesses;
import io.teatree.testkit.ServiceJvm;
import io.teatree.testkit.TeatreeServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This module's packaged dispatcher ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package}
 * before the integration tests run) as a child process, configured by system properties and an environment
 * of the test's choosing, e.g. {@code OTEL_EXPORTER_OTLP_ENDPOINT}, which only a real process can be given.
 */
final class DispatcherProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

    private final Process process;
    private final Path log;

    private DispatcherProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the dispatcher with {@code config} (it holds passwords) and {@code env} as its Teatree/Quarkus/OTel
     * environment; nothing secret goes on its command line.
     */
    static DispatcherProcess start(Map<String, String> config, Map<String, String> env, Path dir) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " does not exist: run `mvn -pl dispatcher package -DskipTests` first");
        }
        List<String> command = ServiceJvm.command("256m");
        command.add("-Dquarkus.http.port=0");
        command.add("-jar");
        command.add(jar.toString());
        Path log = dir.resolve("dispatcher.log");
        return new DispatcherProcess(ChildProcesses.start(command, merged(config, env), log, dir), log);
    }

    private static Map<String, String> merged(Map<String, String> config, Map<String, String> env) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(TeatreeServers.environment(config));
        merged.putAll(env);
        return merged;
    }

    /** Waits until the dispatcher listens, and returns its HTTP port. */
    int awaitStarted(Duration timeout) throws IOException {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the dispatcher exited with " + process.exitValue() + ":\n" + logText());
            }
            return LISTENING.matcher(logText()).find();
        });
        Matcher m = LISTENING.matcher(logText());
        m.find();
        return Integer.parseInt(m.group(1));
    }

    /** Everything the dispatcher printed so far. */
    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, 30_000);
    }
}
