package io.teatree.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code nats-server -js} on a free loopback port with file storage in its own directory.
 * {@link #stop()} and {@link #start()} keep port and storage, so a test can take NATS away and bring it back.
 */
public final class NatsServer extends ServerProcess {

    public NatsServer(Path dir) {
        super(dir);
    }

    public synchronized NatsServer start() throws IOException {
        if (running()) {
            return this;
        }
        String binary = Binaries.require("nats-server", "nats-server");
        Process process = ChildProcesses.start(List.of(binary, "-js", "-a", "127.0.0.1", "-p", String.valueOf(port),
                "-sd", dir.resolve("jetstream").toString()), dir.resolve("nats.log"), dir);
        started(process);
        Ports.await(port, process, Duration.ofSeconds(20), "nats-server");
        return this;
    }

    /** Stops the server (SIGTERM, then SIGKILL); storage stays for a later {@link #start()}. */
    @Override
    public void stop() {
        stopProcess(5_000);
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

}
