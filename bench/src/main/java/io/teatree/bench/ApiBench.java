package io.teatree.bench;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.teatree.protocol.Streams;
import io.teatree.testkit.ChildProcesses;
import io.teatree.testkit.Ports;
import io.teatree.testkit.ServiceJvm;
import io.teatree.testkit.NatsUser;
import io.teatree.testkit.TeatreeServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Intake of the client API: accepted intents/s and p50/p99 accept latency (202 after the JetStream PubAck) at a
 * fixed concurrency, against raw JetStream publish-with-PubAck of the same body at the same concurrency, in the
 * same run on the same servers. Run with {@code bin/teatree bench api [intents] [concurrency]}.
 */
public final class ApiBench {

    private ApiBench() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        TeatreeServers servers = TeatreeServers.get();
        Path dir = servers.newDirectory("api-bench");
        String key = "tt_bench_" + System.nanoTime();
        int port = Ports.free();
        Process api = startApi(servers, dir, key, port);
        try (Connection nc = Nats.connect(servers.nats().url())) {
            Streams.provision(nc, Duration.ofDays(1));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + port;
            awaitReady(http, base, api);
            send(http, HttpRequest.newBuilder(URI.create(base + "/v1/models")).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"bench-api\"}")).build(), 201);
            String body = "{\"function\":\"append\",\"args\":{\"table\":\"t\",\"rows\":[{\"id\":1,\"site\":\"s1\",\"amount\":0.5}]}}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/models/bench-api/intents"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            JetStream js = nc.jetStream();
            byte[] raw = body.getBytes(StandardCharsets.UTF_8);
            run(Math.min(2_000, total), concurrency, () -> send(http, request, 202)); // warm-up
            run(Math.min(2_000, total), concurrency, () -> js.publish("teatree.intent.bench-raw", raw));
            BenchTable table = new BenchTable();
            for (int clients : new int[] {concurrency, 1}) {
                int n = clients == 1 ? Math.min(total, 3_000) : total;
                Latencies apiLatency = new Latencies(n);
                double apiRate = run(n, clients, () -> {
                    long start = System.nanoTime();
                    send(http, request, 202);
                    apiLatency.add(System.nanoTime() - start);
                });
                Latencies rawLatency = new Latencies(n);
                double rawRate = run(n, clients, () -> {
                    long start = System.nanoTime();
                    js.publish("teatree.intent.bench-raw", raw);
                    rawLatency.add(System.nanoTime() - start);
                });
                String at = " (" + clients + (clients == 1 ? " client)" : " clients)");
                table.add("API: accepted intents/s" + at, apiRate, "intents/s", "JetStream publish+PubAck msgs/s", rawRate);
                table.add("API: p50 accept latency" + at, apiLatency.percentileMillis(50), "ms", "JetStream publish p50 ms",
                        rawLatency.percentileMillis(50));
                table.add("API: p99 accept latency" + at, apiLatency.percentileMillis(99), "ms", "JetStream publish p99 ms",
                        rawLatency.percentileMillis(99));
            }

            // NDJSON batches against raw asynchronous publishing with 256 acknowledgements in flight
            int batchLines = 1_000;
            int batches = Math.max(4, total * 5 / batchLines);
            HttpRequest batch = HttpRequest.newBuilder(URI.create(base + "/v1/models/bench-api/intents"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString((body + "\n").repeat(batchLines))).build();
            run(2, 2, () -> send(http, batch, 202)); // warm-up
            double batchRate = run(batches, 4, () -> send(http, batch, 202)) * batchLines;
            double asyncRate = rawAsync(js, raw, batches * batchLines, 256);
            table.add("API: NDJSON batches of " + batchLines + ", 4 clients", batchRate, "intents/s", "JetStream async publish, 256 in flight",
                    asyncRate);
            nc.jetStreamManagement().purgeStream(io.teatree.protocol.Subjects.INTENTS_STREAM);

            System.out.printf("%nintents: %d at concurrency %d and 1; %d NDJSON batches; client API and NATS on loopback, 2 cores%n",
                    total, concurrency, batches);
            table.print();
        } finally {
            api.destroy();
            api.waitFor();
        }
        System.exit(0);
    }

    /** Publishes {@code total} messages asynchronously with at most {@code inFlight} unacknowledged; messages/s. */
    private static double rawAsync(JetStream js, byte[] raw, int total, int inFlight) throws Exception {
        Semaphore window = new Semaphore(inFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            window.acquire();
            js.publishAsync("teatree.intent.bench-raw", raw).whenComplete((ack, e) -> {
                if (e != null) {
                    failure.set(e);
                }
                window.release();
            });
        }
        window.acquire(inFlight);
        if (failure.get() != null) {
            throw new IllegalStateException("a raw publish failed", failure.get());
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    private interface Call {
        void run() throws Exception;
    }

    /** Runs {@code total} calls from {@code concurrency} threads; returns calls per second. */
    private static double run(int total, int concurrency, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger left = new AtomicInteger(total);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    call.run();
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return total / seconds;
    }

    private static void send(HttpClient http, HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("expected " + expected + " but got " + response.statusCode() + ": " + response.body());
        }
    }

    static Process startApi(TeatreeServers servers, Path dir, String key, int port) throws Exception {
        Path jar = Path.of("client-api", "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (bin/teatree bench does)");
        }
        List<String> command = ServiceJvm.command("512m");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.log.level=WARN");
        String jfr = System.getenv("TEATREE_BENCH_JFR"); // a file: the API records a flight recording there (docs/performance.md)
        if (jfr != null && !jfr.isBlank()) {
            command.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).toAbsolutePath() + ",settings=profile,dumponexit=true");
        }
        command.add("-jar");
        command.add(jar.toString());
        // passwords and the key in the environment, not on the command line
        Map<String, String> config = new java.util.LinkedHashMap<>(servers.serviceConfig(NatsUser.API));
        config.put("teatree.auth.bootstrap-key", key);
        return ChildProcesses.start(command, TeatreeServers.environment(config), dir.resolve("client-api.log"), dir);
    }

    static void awaitReady(HttpClient http, String base, Process api) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!api.isAlive()) {
                throw new IllegalStateException("client API exited with " + api.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("client API not ready within 90 s");
    }
}
