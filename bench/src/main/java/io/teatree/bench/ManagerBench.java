package io.teatree.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.IntentIds;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Streams;
import io.teatree.protocol.Subjects;
import io.teatree.testkit.OtlpReceiver;
import io.teatree.testkit.TeatreeServers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Throughput of the db-manager on real NATS, Postgres and DuckDB, against raw DuckDB and raw JetStream in the
 * same run. A backlog of intents is published, then a real manager process drains it; the rate counts the
 * commits after its first batch (see {@link ManagerRun#drain}).
 *
 * <p>Run with {@code bin/teatree bench}. Arguments: [small intents] [bulk intents] [rows per bulk intent].
 */
public final class ManagerBench {

    private ManagerBench() {
    }

    public static void main(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int bulk = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rowsPerBulk = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        TeatreeServers servers = TeatreeServers.get();
        org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
        pg.setUrl(servers.postgres().jdbcUrl());
        pg.setUser(servers.postgres().user());
        pg.setPassword(servers.postgres().password());
        io.teatree.protocol.Migrations.apply(pg);
        Path dir = servers.newDirectory("bench");
        BenchTable table = new BenchTable();
        try (Connection nc = Nats.connect(servers.nats().url())) {
            Streams.provision(nc, Duration.ofDays(1));

            ModelId smallModel = ModelId.of("bench-small-" + System.nanoTime() % 100_000);
            List<IntentEnvelope> smallIntents = new ArrayList<>();
            smallIntents.add(createTable(smallModel));
            for (int i = 0; i < small; i++) {
                smallIntents.add(append(smallModel, i, 1));
            }
            byte[] sample = Json.write(smallIntents.get(1));
            publish(nc.jetStream(), smallIntents, false);
            double smallRate = ManagerRun.drain(nc, smallModel, dir, small + 1);

            // the same backlog with every intent carrying a sampled trace context and the manager exporting its
            // spans (manager.batch, function.*, snapshot) over OTLP to a real receiver in this JVM
            ModelId tracedModel = ModelId.of("bench-traced-" + System.nanoTime() % 100_000);
            List<IntentEnvelope> tracedIntents = new ArrayList<>();
            tracedIntents.add(createTable(tracedModel));
            for (int i = 0; i < small; i++) {
                tracedIntents.add(append(tracedModel, i, 1));
            }
            publish(nc.jetStream(), tracedIntents, true);
            double tracedRate;
            int spans;
            try (OtlpReceiver receiver = OtlpReceiver.start()) {
                tracedRate = ManagerRun.drain(nc, tracedModel, dir, small + 1, receiver.environment("teatree-db-manager"));
                Thread.sleep(1_000); // the last export
                spans = receiver.spans().size();
            }
            System.out.printf("traced run: %d spans received%n", spans);

            ModelId bulkModel = ModelId.of("bench-bulk-" + System.nanoTime() % 100_000);
            List<IntentEnvelope> bulkIntents = new ArrayList<>();
            bulkIntents.add(createTable(bulkModel));
            for (int i = 0; i < bulk; i++) {
                bulkIntents.add(append(bulkModel, i * rowsPerBulk, rowsPerBulk));
            }
            publish(nc.jetStream(), bulkIntents, false);
            double bulkRows = ManagerRun.drain(nc, bulkModel, dir, bulk + 1) * rowsPerBulk;

            double rawJs = RawBaselines.jetStreamPublishConsumePerSecond(nc, small, sample);
            double rawAppender = RawBaselines.duckDbAppenderRowsPerSecond(dir, bulk * rowsPerBulk);
            double rawAppenderSmall = RawBaselines.duckDbAppenderRowsPerSecond(servers.newDirectory("raw-small"), small);

            table.add("manager: small intents applied/s (1 row each)", smallRate, "intents/s", "JetStream publish+consume msgs/s", rawJs);
            table.add("manager: small intents applied/s (1 row each)", smallRate, "intents/s", "DuckDB Appender rows/s", rawAppenderSmall);
            table.add("manager: small intents/s, every intent traced + OTLP export", tracedRate, "intents/s", "same, tracing off", smallRate);
            table.add("manager: rows/s via append of " + rowsPerBulk + " inline rows", bulkRows, "rows/s", "DuckDB Appender rows/s", rawAppender);
        }
        System.out.printf("%nsmall intents: %d, bulk intents: %d x %d rows; 2 cores, servers on loopback%n", small, bulk, rowsPerBulk);
        table.print();
        System.exit(0);
    }

    private static IntentEnvelope createTable(ModelId model) {
        ObjectNode args = Json.MAPPER.createObjectNode().put("table", "t");
        args.putObject("columns").put("id", "BIGINT").put("site", "VARCHAR").put("amount", "DOUBLE");
        return new IntentEnvelope(IntentIds.newId(), model, "create_table", args, null, Instant.now(), "bench");
    }

    private static IntentEnvelope append(ModelId model, int first, int rows) {
        ObjectNode args = Json.MAPPER.createObjectNode().put("table", "t");
        ArrayNode array = args.putArray("rows");
        for (int i = first; i < first + rows; i++) {
            array.addObject().put("id", i).put("site", "s" + (i % 7)).put("amount", i * 0.5);
        }
        return new IntentEnvelope(IntentIds.newId(), model, "append", args, null, Instant.now(), "bench");
    }

    private static void publish(JetStream js, List<IntentEnvelope> intents, boolean traced) {
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (IntentEnvelope intent : intents) {
            Headers headers = new Headers().add("Nats-Msg-Id", intent.id().toString());
            if (traced) {
                headers.add("traceparent", String.format("00-%016x%016x-%016x-01", random.nextLong(), random.nextLong(), random.nextLong() | 1));
            }
            acks.add(js.publishAsync(NatsMessage.builder().subject(Subjects.intent(intent.model()))
                    .headers(headers).data(Json.write(intent)).build()));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }
}
