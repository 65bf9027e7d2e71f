package io.teatree.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A real {@code nats-server -js} on a free loopback port with file storage in its own directory, locked: no
 * anonymous access, one user per service ({@link NatsUser}) with the permissions of {@code nats-server.conf}
 * (random passwords, fixed for this object's life). {@link #stop()} and {@link #start()} keep port, storage and
 * passwords, so a test can take NATS away and bring it back.
 */
public final class NatsServer extends ServerProcess {

    /** The server configuration template shared with {@code bin/teatree}. */
    public static final String CONFIG_TEMPLATE = "nats-server.conf";

    private final Map<NatsUser, String> passwords = new EnumMap<>(NatsUser.class);

    public NatsServer(Path dir) {
        super(dir);
        for (NatsUser user : NatsUser.values()) {
            passwords.put(user, Secrets.password());
        }
    }

    public synchronized NatsServer start() throws IOException {
        if (running()) {
            return this;
        }
        String binary = Binaries.require("nats-server", "nats-server");
        Path config = writeConfig();
        Process process = ChildProcesses.start(List.of(binary, "-c", config.toString()), dir.resolve("nats.log"), dir);
        started(process);
        Ports.await(port, process, Duration.ofSeconds(20), "nats-server");
        return this;
    }

    private Path writeConfig() throws IOException {
        String text = template()
                .replace("@PORT@", String.valueOf(port))
                .replace("@STORE_DIR@", dir.resolve("jetstream").toString())
                .replace("@API_PASSWORD@", password(NatsUser.API))
                .replace("@MANAGER_PASSWORD@", password(NatsUser.MANAGER))
                .replace("@DISPATCHER_PASSWORD@", password(NatsUser.DISPATCHER))
                .replace("@EXTRA_USERS@", "    { user: \"" + NatsUser.TEST.userName() + "\", password: \"" + password(NatsUser.TEST) + "\" }\n");
        Files.createDirectories(dir);
        Path config = dir.resolve("nats-server.conf");
        Files.deleteIfExists(config);
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(config, text);
        return config;
    }

    private static String template() {
        try (InputStream in = NatsServer.class.getResourceAsStream(CONFIG_TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + CONFIG_TEMPLATE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL); storage stays for a later {@link #start()}. */
    @Override
    public void stop() {
        stopProcess(5_000);
    }

    /**
     * The URL of the {@link NatsUser#TEST} user, credentials included ({@code nats://test:<password>@127.0.0.1:<port>}):
     * what a test passes to {@code Nats.connect} to inspect streams directly.
     */
    public String url() {
        return urlFor(NatsUser.TEST);
    }

    /** The URL with {@code user}'s credentials in it. */
    public String urlFor(NatsUser user) {
        return "nats://" + user.userName() + ":" + password(user) + "@127.0.0.1:" + port;
    }

    /** The URL without credentials ({@code nats://127.0.0.1:<port>}): what a service is configured with. */
    public String address() {
        return "nats://127.0.0.1:" + port;
    }

    public String password(NatsUser user) {
        return passwords.get(user);
    }

    /** A path to the server's log, where it reports permission violations. */
    public Path log() {
        return dir.resolve("nats.log");
    }
}
