package io.teatree.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.teatree.functions.PayloadFormat;
import io.teatree.protocol.EventEnvelope;
import io.teatree.protocol.EventType;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.IntentIds;
import io.teatree.protocol.Json;
import io.teatree.protocol.Migrations;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.PayloadRef;
import io.teatree.protocol.Streams;
import io.teatree.protocol.Subjects;
import io.teatree.protocol.control.ControlStore;
import io.teatree.testkit.Ports;
import io.teatree.testkit.S3Server;
import io.teatree.testkit.TeatreeServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Read-only versions of models of a given size: commit → {@code snapshot.ready} latency against a
 * {@code CHECKPOINT} plus file copy of the same model file, and query latency through the client API against
 * raw DuckDB JDBC on the same version file, in the same run. Run with
 * {@code bin/teatree bench versions [sizeMb ...]} (default 100 1000).
 */
public final class VersionsBench {

    private static final String QUERY = "SELECT site, sum(amount) AS total, count(*) AS n FROM t GROUP BY site ORDER BY site";
    private static final int QUERIES = 15;

    private VersionsBench() {
    }

    public static void main(String[] args) throws Exception {
        long[] sizes = args.length == 0 ? new long[] {100, 1000} : java.util.Arrays.stream(args).mapToLong(Long::parseLong).toArray();
        TeatreeServers servers = TeatreeServers.get();
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(servers.postgres().jdbcUrl());
        pg.setUser(servers.postgres().user());
        pg.setPassword(servers.postgres().password());
        Migrations.apply(pg);
        String key = "tt_bench_" + System.nanoTime();
        int port = Ports.free();
        Path dir = servers.newDirectory("versions-bench");
        Process api = ApiBench.startApi(servers, dir, key, port);
        BenchTable table = new BenchTable();
        try (Connection nc = Nats.connect(servers.nats().url()); S3Client s3 = s3(servers.s3())) {
            Streams.provision(nc, Duration.ofDays(1));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ApiBench.awaitReady(http, "http://127.0.0.1:" + port, api);
            for (long sizeMb : sizes) {
                measure(sizeMb, servers, pg, nc, s3, http, "http://127.0.0.1:" + port, key, table);
            }
        } finally {
            api.destroy();
            api.waitFor();
        }
        System.out.printf("%nversions of models of %s MB (DuckDB file), local S3Proxy and Postgres, 2 cores%n", java.util.Arrays.toString(sizes));
        table.print();
        System.exit(0);
    }

    private static void measure(long sizeMb, TeatreeServers servers, PGSimpleDataSource pg, Connection nc, S3Client s3, HttpClient http,
                                String base, String key, BenchTable table) throws Exception {
        ModelId model = ModelId.of("bench-v" + sizeMb + "-" + Long.toString(System.nanoTime() % 1_000_000, 36));
        Path dir = servers.newDirectory("v" + sizeMb);
        new ControlStore(pg).createModel(model, "small");
        JetStreamSubscription events = nc.jetStream().subscribe(Subjects.event(model), PushSubscribeOptions.builder().ordered(true).build());

        Path parquet = dir.resolve("payload.parquet");
        long rows = sizeMb * 45_000;
        try (java.sql.Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            duck.createStatement().execute("COPY (SELECT range AS id, 'site-' || (range % 1000) AS site, random() * 1000 AS amount,"
                    + " TIMESTAMP '2026-01-01' + to_seconds(range % 31536000) AS at, md5(range::VARCHAR) AS tag FROM range(" + rows + "))"
                    + " TO '" + parquet + "' (FORMAT parquet)");
        }
        UUID appendId = IntentIds.newId();
        String stagingKey = PayloadRef.stagingKey(model, appendId);
        s3.putObject(b -> b.bucket(TeatreeServers.BUCKET).key(stagingKey), RequestBody.fromFile(parquet));
        ObjectNode columns = Json.MAPPER.createObjectNode().put("id", "BIGINT").put("site", "VARCHAR").put("amount", "DOUBLE")
                .put("at", "TIMESTAMP").put("tag", "VARCHAR");
        ObjectNode create = Json.MAPPER.createObjectNode().put("table", "t");
        create.set("columns", columns);
        publish(nc, new IntentEnvelope(IntentIds.newId(), model, "create_table", create, null, Instant.now(), "bench"));
        publish(nc, new IntentEnvelope(appendId, model, "append", Json.MAPPER.createObjectNode().put("table", "t"),
                new PayloadRef("s3://" + TeatreeServers.BUCKET + "/" + stagingKey, PayloadFormat.PARQUET, Files.size(parquet)), Instant.now(), "bench"));

        Process manager = ManagerRun.start(model, dir, "PT30M");
        try {
            EventEnvelope loaded = await(events, e -> e.type() == EventType.INTENT_SUCCEEDED && appendId.equals(e.intentId()));
            await(events, e -> e.type() == EventType.SNAPSHOT_READY && e.version() >= loaded.version());
            Latencies snapshot = new Latencies(3);
            int rounds = sizeMb <= 200 ? 3 : 1;
            for (int i = 0; i < rounds; i++) {
                ObjectNode row = Json.MAPPER.createObjectNode().put("table", "t");
                row.putArray("rows").addObject().put("id", -1 - i).put("site", "extra").put("amount", 1.0);
                publish(nc, new IntentEnvelope(IntentIds.newId(), model, "append", row, null, Instant.now(), "bench"));
                UUID snapId = IntentIds.newId();
                publish(nc, new IntentEnvelope(snapId, model, "snapshot", Json.MAPPER.createObjectNode(), null, Instant.now(), "bench"));
                EventEnvelope committed = await(events, e -> e.type() == EventType.INTENT_SUCCEEDED && snapId.equals(e.intentId()));
                EventEnvelope ready = await(events, e -> e.type() == EventType.SNAPSHOT_READY && e.version() >= committed.version());
                snapshot.add(Duration.between(committed.at(), ready.at()).toNanos());
            }
            Latencies viaApi = new Latencies(QUERIES);
            HttpRequest query = HttpRequest.newBuilder(URI.create(base + "/v1/models/" + model.value() + "/query"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.createObjectNode().put("sql", QUERY).toString())).build();
            http.send(query, HttpResponse.BodyHandlers.discarding()); // fetches the version into the API's cache
            for (int i = 0; i < QUERIES; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(query, HttpResponse.BodyHandlers.ofString());
                viaApi.add(System.nanoTime() - start);
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("query answered " + response.statusCode() + ": " + response.body());
                }
            }
            Path version = dir.resolve("version.duckdb");
            long latest = Long.parseLong(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/models/" + model.value() + "/versions/latest/download"))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofFile(version)).headers()
                    .firstValue("X-Teatree-Version").orElse("0"));
            Latencies raw = rawQueries(version);

            manager.destroy();
            manager.waitFor();
            Files.readAllLines(dir.resolve(model.value() + ".log")).stream().filter(l -> l.contains("published")).forEach(System.out::println);
            double copyMs = checkpointAndCopy(dir.resolve(model.value()).resolve("model.duckdb"), dir.resolve("copy.duckdb"));
            long bytes = Files.size(version);
            String label = sizeMb + " MB model (v" + latest + ", " + bytes / 1_000_000 + " MB file)";
            table.add(label + ": commit -> snapshot.ready p50", snapshot.percentileMillis(50), "ms", "CHECKPOINT + file copy ms", copyMs);
            table.add(label + ": query via API p50", viaApi.percentileMillis(50), "ms", "DuckDB JDBC on the version file p50 ms",
                    raw.percentileMillis(50));
        } finally {
            manager.destroy();
            manager.waitFor();
        }
    }

    private static Latencies rawQueries(Path version) throws Exception {
        Latencies raw = new Latencies(QUERIES);
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:duckdb:" + version, props)) {
            for (int i = 0; i <= QUERIES; i++) {
                long start = System.nanoTime();
                StringBuilder out = new StringBuilder();
                try (ResultSet rs = c.createStatement().executeQuery(QUERY)) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append(rs.getDouble(2)).append(rs.getLong(3));
                    }
                }
                if (i > 0) {
                    raw.add(System.nanoTime() - start);
                }
            }
        }
        return raw;
    }

    private static double checkpointAndCopy(Path model, Path copy) throws Exception {
        long start = System.nanoTime();
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:duckdb:" + model)) {
            c.createStatement().execute("CHECKPOINT");
            Files.copy(model, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static EventEnvelope await(JetStreamSubscription events, Predicate<EventEnvelope> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            Message m = events.nextMessage(Duration.ofSeconds(1));
            if (m != null) {
                EventEnvelope e = Json.read(m.getData(), EventEnvelope.class);
                if (wanted.test(e)) {
                    return e;
                }
            }
        }
        throw new IllegalStateException("event not seen within 10 minutes");
    }

    private static void publish(Connection nc, IntentEnvelope intent) throws Exception {
        nc.jetStream().publish(NatsMessage.builder().subject(Subjects.intent(intent.model()))
                .headers(new Headers().add("Nats-Msg-Id", intent.id().toString())).data(Json.write(intent)).build());
    }

    private static S3Client s3(S3Server server) {
        return S3Client.builder().endpointOverride(URI.create(server.endpoint())).region(Region.of(server.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
