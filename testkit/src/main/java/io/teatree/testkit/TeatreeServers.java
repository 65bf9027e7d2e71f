package io.teatree.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real servers of one test JVM: NATS with JetStream, a private Postgres cluster and S3Proxy, started
 * once on first use and stopped by a shutdown hook (and by SIGKILL from the kernel if the JVM is killed).
 * Thread-safe.
 */
public final class TeatreeServers {

    /** The bucket tests and services use; it exists once the servers are up. */
    public static final String BUCKET = "teatree";

    private static TeatreeServers instance;

    private final Path root;
    private final NatsServer nats;
    private final PostgresServer postgres;
    private final S3Server s3;

    private TeatreeServers(Path root) {
        this.root = root;
        this.nats = new NatsServer(root.resolve("nats"));
        this.postgres = new PostgresServer(root.resolve("pg"));
        this.s3 = new S3Server(root.resolve("s3"));
    }

    /** The servers of this JVM, started on the first call. */
    public static synchronized TeatreeServers get() {
        if (instance == null) {
            try {
                Path root = Files.createTempDirectory("teatree-testkit-");
                // the postgres user must be able to reach its data directory below this one
                Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                TeatreeServers servers = new TeatreeServers(root);
                Runtime.getRuntime().addShutdownHook(new Thread(servers::shutdown, "testkit-shutdown"));
                servers.nats.start();
                servers.postgres.start();
                Files.createDirectories(root.resolve("s3").resolve(BUCKET));
                servers.s3.start();
                instance = servers;
            } catch (Exception e) {
                throw new IllegalStateException("testkit could not start its servers: " + e.getMessage(), e);
            }
        }
        return instance;
    }

    public NatsServer nats() {
        return nats;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public S3Server s3() {
        return s3;
    }

    /** A fresh directory under this JVM's testkit root, removed when the JVM ends. */
    public Path newDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(root, prefix);
    }

    /**
     * The configuration a Teatree service needs to reach these servers, in the names the services read
     * (see each service's {@code application.properties}), connecting to NATS as {@code natsUser} and to Postgres as
     * the application role. Pass it to a child service in its environment ({@link #environment}), never as
     * {@code -D} options: it holds passwords.
     */
    public Map<String, String> serviceConfig(NatsUser natsUser) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("teatree.nats.url", nats.address());
        config.put("teatree.nats.user", natsUser.userName());
        config.put("teatree.nats.password", nats.password(natsUser));
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", postgres.user());
        config.put("quarkus.datasource.password", postgres.password());
        config.put("teatree.s3.endpoint", s3.endpoint());
        config.put("teatree.s3.access-key", s3.accessKey());
        config.put("teatree.s3.secret-key", s3.secretKey());
        config.put("teatree.s3.region", s3.region());
        config.put("teatree.s3.bucket", BUCKET);
        if (natsUser == NatsUser.DISPATCHER) {
            // the local placement hands these to every db-manager it starts
            config.put("teatree.dispatcher.manager-nats.user", NatsUser.MANAGER.userName());
            config.put("teatree.dispatcher.manager-nats.password", nats.password(NatsUser.MANAGER));
        }
        return config;
    }

    /**
     * Reports what NATS refused in this JVM, so a service's missing permission shows: on standard error and, when
     * the JVM runs in a Maven module, appended to {@code target/testkit-nats-violations.log}.
     */
    private void reportViolations() {
        try (Stream<String> lines = Files.lines(nats.log())) {
            List<String> violations = lines.filter(line -> line.contains("Violation")).toList();
            violations.forEach(line -> System.err.println("testkit: nats-server: " + line));
            Path target = Path.of("target");
            if (!violations.isEmpty() && Files.isDirectory(target)) {
                Files.write(target.resolve("testkit-nats-violations.log"), violations, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // no log, nothing to report
        }
    }

    /**
     * {@code config} as environment variables (SmallRye's names: upper case, every {@code .} and {@code -} an
     * {@code _}), how a child service gets its settings without secrets on its command line.
     */
    public static Map<String, String> environment(Map<String, String> config) {
        Map<String, String> env = new LinkedHashMap<>();
        config.forEach((key, value) -> env.put(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return env;
    }

    private void shutdown() {
        nats.stop();
        reportViolations();
        postgres.stop();
        try {
            s3.stop();
        } catch (Exception ignored) {
            // the JVM is ending; the S3 server dies with it
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files left behind are harmless
        }
    }
}
