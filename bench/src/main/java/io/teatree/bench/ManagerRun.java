package io.teatree.bench;

import io.teatree.testkit.ChildProcesses;
import io.teatree.testkit.ServiceJvm;
import io.teatree.testkit.NatsUser;
import io.teatree.testkit.TeatreeServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

/** Runs a real db-manager process over a backlog and times it until every intent is recorded. */
final class ManagerRun {

    private ManagerRun() {
    }

    /** Starts a real db-manager process for {@code model} on the testkit's servers. */
    static Process start(io.teatree.protocol.ModelId model, Path dir, String idleTimeout) throws java.io.IOException {
        return start(model, dir, idleTimeout, java.util.Map.of());
    }

    /** As {@link #start(io.teatree.protocol.ModelId, Path, String)} with {@code environment} added (e.g. OTLP export). */
    static Process start(io.teatree.protocol.ModelId model, Path dir, String idleTimeout, java.util.Map<String, String> environment)
            throws java.io.IOException {
        Path jar = Path.of("db-manager", "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (bin/teatree bench does)");
        }
        List<String> command = ServiceJvm.command("1g");
        String extra = System.getProperty("teatree.bench.manager-jvm-args", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+"))); // e.g. a flight recording of the manager
        }
        command.add("-Dteatree.manager.model=" + model.value());
        command.add("-Dteatree.manager.data-dir=" + dir);
        command.add("-Dteatree.manager.idle-timeout=" + idleTimeout);
        command.add("-Dquarkus.http.port=0");
        command.add("-jar");
        command.add(jar.toString());
        // the servers' settings hold passwords: in the environment, not on the command line
        Map<String, String> env = new java.util.LinkedHashMap<>(TeatreeServers.environment(TeatreeServers.get().serviceConfig(NatsUser.MANAGER)));
        env.putAll(environment);
        return ChildProcesses.start(command, env, dir.resolve(model.value() + ".log"), dir);
    }

    /**
     * Intents per second applied by the manager: all intents divided by the time from its {@code manager.started}
     * event (lease taken, model open, consumer bound) to the last commit, so JVM start-up is not counted.
     */
    static double drain(io.nats.client.Connection nc, io.teatree.protocol.ModelId model, Path dir, int intents) throws Exception {
        return drain(nc, model, dir, intents, java.util.Map.of());
    }

    /** As {@link #drain(io.nats.client.Connection, io.teatree.protocol.ModelId, Path, int)}, the manager started with {@code environment}. */
    static double drain(io.nats.client.Connection nc, io.teatree.protocol.ModelId model, Path dir, int intents,
                        java.util.Map<String, String> environment) throws Exception {
        io.nats.client.JetStreamSubscription events = nc.jetStream().subscribe(io.teatree.protocol.Subjects.event(model),
                io.nats.client.PushSubscribeOptions.builder().ordered(true).build());
        Process process = start(model, dir, "PT2S", environment);
        org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
        pg.setUrl(TeatreeServers.get().postgres().jdbcUrl());
        pg.setUser(TeatreeServers.get().postgres().user());
        pg.setPassword(TeatreeServers.get().postgres().password());
        io.teatree.protocol.control.ControlStore control = new io.teatree.protocol.control.ControlStore(pg);
        {
            java.time.Instant started = null;
            while (true) {
                io.nats.client.Message m;
                while (started == null && (m = events.nextMessage(java.time.Duration.ofMillis(10))) != null) {
                    io.teatree.protocol.EventEnvelope event = io.teatree.protocol.Json.read(m.getData(), io.teatree.protocol.EventEnvelope.class);
                    if (event.type() == io.teatree.protocol.EventType.MANAGER_STARTED) {
                        started = event.at();
                    }
                }
                if (control.countIntents(model, io.teatree.protocol.IntentStatus.SUCCEEDED) >= intents && started != null) {
                    process.destroy();
                    process.waitFor();
                    java.time.Instant finished = control.lastFinished(model).orElseThrow();
                    double seconds = java.time.Duration.between(started, finished).toNanos() / 1e9;
                    long versions = control.model(model).orElseThrow().currentVersion();
                    System.out.printf("%s: %d intents in %d versions (%.1f per batch) in %.2f s%n", model, intents, versions,
                            intents / (double) versions, seconds);
                    return intents / Math.max(seconds, 0.001);
                }
                if (!process.isAlive()) {
                    String log = Files.readString(dir.resolve(model.value() + ".log"));
                    throw new IllegalStateException("manager exited early with " + process.exitValue() + "; its log ends:\n"
                            + log.substring(Math.max(0, log.length() - 4000)));
                }
                Thread.sleep(100);
            }
        }
    }
}
