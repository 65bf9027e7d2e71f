package io.teatree.dispatcher.telemetry;

import static org.awaitility.Awaitility.await;

import io.teatree.dispatcher.placement.local.ProcessSpawner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This module's packaged dispatcher ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package}
 * before the integration tests run) as a child process, configured by system properties and an environment
 * of the test's choosing, e.g. {@code OTEL_EXPORTER_OTLP_ENDPOINT}, which only a real process can be given.
 */
final class DispatcherProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
    private static final List<String> JVM_FLAGS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED");

    private final ProcessSpawner spawner;
    private final Process process;
    private final Path log;

    private DispatcherProcess(ProcessSpawner spawner, Process process, Path log) {
        this.spawner = spawner;
        this.process = process;
        this.log = log;
    }

    /** Starts the dispatcher with {@code config} as system properties and {@code env} added to this JVM's environment. */
    static DispatcherProcess start(Map<String, String> config, Map<String, String> env, Path dir) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " does not exist: run `mvn -pl dispatcher package -DskipTests` first");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(JVM_FLAGS);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.port=0");
        command.add("-jar");
        command.add(jar.toString());
        Path log = dir.resolve("dispatcher.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("OTEL_") || key.startsWith("TEATREE_") || key.startsWith("QUARKUS_"));
        builder.environment().putAll(env);
        ProcessSpawner spawner = new ProcessSpawner();
        return new DispatcherProcess(spawner, spawner.start(builder), log);
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
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        spawner.close();
    }
}
