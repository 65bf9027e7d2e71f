package io.teatree.e2e.support;

import io.teatree.testkit.ChildProcesses;
import io.teatree.testkit.Ports;
import io.teatree.testkit.ServiceJvm;
import io.teatree.testkit.NatsUser;
import io.teatree.testkit.TeatreeServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The whole system as `bin/teatree up` runs it: the packaged client API and dispatcher (local placement, which
 * starts packaged db-managers) as child processes pointed at the testkit's NATS, Postgres and S3.
 */
public final class TeatreeSystem implements AutoCloseable {

    public static final String ADMIN_KEY = "e2e-admin-key";

    private final Path dir;
    private final int apiPort = Ports.free();
    private final int dispatcherPort = Ports.free();
    private final List<Process> processes = new ArrayList<>();

    private TeatreeSystem(Path dir) {
        this.dir = dir;
    }

    /** Starts the API and the dispatcher with {@code environment} added to each one's environment. */
    public static TeatreeSystem start(Map<String, String> apiEnvironment, Map<String, String> dispatcherEnvironment) throws Exception {
        TeatreeSystem system = new TeatreeSystem(TeatreeServers.get().newDirectory("e2e-system"));
        try {
            system.startService("client-api", system.apiPort, Map.of("teatree.auth.bootstrap-key", ADMIN_KEY), apiEnvironment);
            system.startService("dispatcher", system.dispatcherPort, Map.of(
                    "teatree.dispatcher.placement", "local",
                    "teatree.dispatcher.local.manager-jar", jar("db-manager").toString(),
                    "teatree.dispatcher.local.data-dir", system.dir.resolve("models").toString(),
                    "teatree.dispatcher.local.log-dir", system.dir.resolve("logs").toString()), dispatcherEnvironment);
            system.awaitReady(system.apiPort, "client-api");
            system.awaitReady(system.dispatcherPort, "dispatcher");
            return system;
        } catch (Exception e) {
            system.close();
            throw e;
        }
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    public String dispatcherUrl() {
        return "http://127.0.0.1:" + dispatcherPort;
    }

    /** A service's output ({@code client-api}, {@code dispatcher}) or a manager's ({@code manager-<model>}). */
    public Path log(String name) {
        return dir.resolve("logs").resolve(name + ".log");
    }

    private static Path jar(String module) {
        Path jar = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + module + " first (mvn package runs it before e2e)");
        }
        return jar;
    }

    private void startService(String module, int port, Map<String, String> extra, Map<String, String> environment) throws IOException {
        NatsUser natsUser = module.equals("dispatcher") ? NatsUser.DISPATCHER : NatsUser.API;
        Map<String, String> config = new LinkedHashMap<>(TeatreeServers.get().serviceConfig(natsUser));
        config.put("quarkus.http.port", String.valueOf(port));
        config.putAll(extra);
        // every setting in the environment, none on the command line: they hold passwords and the admin key
        Map<String, String> env = new LinkedHashMap<>(TeatreeServers.environment(config));
        env.putAll(environment);
        List<String> command = ServiceJvm.command("384m");
        command.add("-jar");
        command.add(jar(module).toString());
        processes.add(ChildProcesses.start(command, env, log(module), dir));
    }

    private void awaitReady(int port, String name) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            Awaitility.await(name + " ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .failFast(name + " exited early", () -> processes.stream().anyMatch(p -> !p.isAlive()))
                    .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new IllegalStateException(e.getMessage() + "; log:\n" + Files.readString(log(name)), e);
        }
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            ChildProcesses.stop(processes.get(i), 20_000);
        }
    }
}
