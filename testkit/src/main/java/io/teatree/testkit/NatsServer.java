package io.teatree.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code nats-server -js} on a free loopback port with file storage in its own directory.
 * {@link #stop()} and {@link #start()} keep port and storage, so a test can take NATS away and bring it back.
 */
public final class NatsServer implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process process;

    public NatsServer(Path dir) {
        this.dir = dir;
        this.port = Ports.free();
    }

    public synchronized NatsServer start() throws IOException {
        if (process != null && process.isAlive()) {
            return this;
        }
        String binary = Binaries.require("nats-server", "nats-server");
        process = ChildProcesses.start(List.of(binary, "-js", "-a", "127.0.0.1", "-p", String.valueOf(port),
                "-sd", dir.resolve("jetstream").toString()), dir.resolve("nats.log"), dir);
        Ports.await(port, process, Duration.ofSeconds(20), "nats-server");
        return this;
    }

    /** Stops the server (SIGTERM, then SIGKILL); storage stays for a later {@link #start()}. */
    public synchronized void stop() {
        ChildProcesses.stop(process, 5_000);
        process = null;
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public void close() {
        stop();
    }
}
