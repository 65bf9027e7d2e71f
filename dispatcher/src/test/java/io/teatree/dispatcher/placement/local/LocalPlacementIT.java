package io.teatree.dispatcher.placement.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.teatree.service.manager.ManagerEnvironment;
import io.teatree.dispatcher.placement.ManagerSpec;
import io.teatree.dispatcher.placement.ManagerState;
import io.teatree.dispatcher.placement.PlacementInfo;
import io.teatree.dispatcher.podclass.PodClass;
import io.teatree.protocol.ModelId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local placement with trivial child commands standing in for the db-manager. */
class LocalPlacementIT {

    private static final PodClass SMALL = new PodClass("small", 2, "2Gi", "10Gi");
    private static final ModelId MODEL = ModelId.of("local-it");

    @TempDir
    Path dir;

    private final List<String> exits = Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicInteger launches = new java.util.concurrent.atomic.AtomicInteger();
    private LocalPlacement placement;

    @AfterEach
    void close() {
        if (placement != null) {
            placement.close();
        }
    }

    private LocalPlacement placement(String script) {
        placement = new LocalPlacement(spec -> {
            launches.incrementAndGet();
            return new ProcessBuilder("sh", "-c", script);
        }, dir.resolve("logs"), Duration.ofSeconds(2),
                (model, code, ranFor) -> exits.add(model + " " + code));
        return placement;
    }

    @Test
    void concurrentStartsRunOneProcessAndStopEndsItCleanly() throws Exception {
        placement("echo started; exec sleep 60");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> starts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            starts.add(pool.submit(() -> {
                go.await();
                placement.start(new ManagerSpec(MODEL, SMALL));
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : starts) {
            f.get();
        }
        pool.shutdown();

        long pid = placement.pid(MODEL).orElseThrow();
        assertThat(launches.get()).isEqualTo(1);
        PlacementInfo info = placement.find(MODEL).orElseThrow();
        assertThat(info.state()).isEqualTo(ManagerState.RUNNING);
        assertThat(info.detail()).isEqualTo("pid " + pid);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(dir.resolve("logs/manager-local-it.log")).contains("started"));

        placement.stop(MODEL);
        await().atMost(Duration.ofSeconds(10)).until(() -> exits.contains("local-it 0"));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(placement.find(MODEL).orElseThrow().state()).isEqualTo(ManagerState.STOPPED);
    }

    @Test
    void aCrashIsReportedWithItsExitCodeAndARestartIsCounted() {
        placement("exit 3");
        placement.start(new ManagerSpec(MODEL, SMALL));
        await().atMost(Duration.ofSeconds(10)).until(() -> exits.contains("local-it 3"));
        assertThat(placement.find(MODEL).orElseThrow().state()).isEqualTo(ManagerState.CRASHED);

        placement.start(new ManagerSpec(MODEL, SMALL));
        await().atMost(Duration.ofSeconds(10)).until(() -> exits.size() == 2);
        assertThat(placement.find(MODEL).orElseThrow().restarts()).isEqualTo(1);
    }

    @Test
    void aManagerThatIgnoresSigtermIsKilledAfterTheGracePeriod() {
        placement("trap '' TERM; echo ready; while true; do sleep 0.1; done");
        placement.start(new ManagerSpec(MODEL, SMALL));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(dir.resolve("logs/manager-local-it.log")).contains("ready"));
        placement.stop(MODEL);
        assertThat(placement.find(MODEL).orElseThrow().state()).isEqualTo(ManagerState.STOPPING);
        await().atMost(Duration.ofSeconds(15)).until(() -> exits.size() == 1);
        assertThat(placement.find(MODEL).orElseThrow().state()).isEqualTo(ManagerState.CRASHED);
    }

    @Test
    void closingStopsEveryChild() {
        placement("exec sleep 60");
        placement.start(new ManagerSpec(ModelId.of("a"), SMALL));
        placement.start(new ManagerSpec(ModelId.of("b"), SMALL));
        List<Long> pids = List.of(placement.pid(ModelId.of("a")).orElseThrow(), placement.pid(ModelId.of("b")).orElseThrow());
        placement.close();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void childrenDieWhenTheDispatcherIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OrphanProbe.class.getName(),
                dir.resolve("probe").toString()).redirectErrorStream(true).start();
        long child;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("pid "));
            assertThat(line).as("the probe's output").isNotNull();
            child = Long.parseLong(line.substring(4).trim());
            assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).contains(true);
            probe.destroyForcibly().waitFor();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void theManagerCommandCarriesThePodClassLimitsAndTheServers() {
        LocalSettings settings = new LocalSettings("/usr/bin/java", Path.of("/opt/quarkus-run.jar"), dir.resolve("data"), dir,
                Duration.ofSeconds(30), Duration.ofSeconds(5));
        ManagerEnvironment env = new ManagerEnvironment("nats://n:4222", "manager", "npw", "jdbc:postgresql://p/teatree", "u", "pw", "http://s3:9000",
                "eu-west-1", "bucket", "ak", "sk");
        ManagerCommand command = new ManagerCommand(settings, env);
        ManagerSpec spec = new ManagerSpec(MODEL, new PodClass("medium", 4, "4Gi", "20Gi"));

        assertThat(command.command(spec)).containsExactly("/usr/bin/java", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-Xmx614m", "-XX:+ExitOnOutOfMemoryError",
                "-jar", "/opt/quarkus-run.jar");
        Map<String, String> environment = new HashMap<>(Map.of("PATH", "/usr/bin", "TEATREE_DISPATCHER_PLACEMENT", "local",
                "QUARKUS_PROFILE", "dev"));
        command.environment(spec, environment);
        assertThat(environment).containsEntry("PATH", "/usr/bin")
                .doesNotContainKeys("TEATREE_DISPATCHER_PLACEMENT", "QUARKUS_PROFILE")
                .containsEntry("TEATREE_MANAGER_MODEL", "local-it")
                .containsEntry("TEATREE_MANAGER_DATA_DIR", dir.resolve("data").toString())
                .containsEntry("TEATREE_MANAGER_IDLE_TIMEOUT", "PT30S")
                .containsEntry("TEATREE_MANAGER_DUCKDB_MEMORY_LIMIT", "3072MiB")
                .containsEntry("TEATREE_MANAGER_DUCKDB_THREADS", "4")
                .containsEntry("TEATREE_NATS_URL", "nats://n:4222")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://p/teatree")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "u")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "pw")
                .containsEntry("TEATREE_S3_ENDPOINT", "http://s3:9000")
                .containsEntry("TEATREE_S3_REGION", "eu-west-1")
                .containsEntry("TEATREE_S3_BUCKET", "bucket")
                .containsEntry("TEATREE_S3_ACCESS_KEY", "ak")
                .containsEntry("TEATREE_S3_SECRET_KEY", "sk")
                .containsEntry("QUARKUS_HTTP_PORT", "0");
    }
}
