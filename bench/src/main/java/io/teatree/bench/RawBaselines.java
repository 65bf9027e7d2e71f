package io.teatree.bench;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** The raw systems Teatree is compared with: DuckDB's Appender and JetStream publish + pull consume. */
final class RawBaselines {

    private RawBaselines() {
    }

    /** Rows per second appended with DuckDB's Appender into a file database, committed once. */
    static double duckDbAppenderRowsPerSecond(Path dir, int rows) throws Exception {
        try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("raw.duckdb"))) {
            c.createStatement().execute("CREATE TABLE t (id BIGINT, site VARCHAR, amount DOUBLE)");
            long start = System.nanoTime();
            try (DuckDBAppender appender = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "t")) {
                for (int i = 0; i < rows; i++) {
                    appender.beginRow();
                    appender.append((long) i);
                    appender.append("s" + (i % 7));
                    appender.append(i * 0.5);
                    appender.endRow();
                }
            }
            c.createStatement().execute("CHECKPOINT");
            return rows / seconds(start);
        }
    }

    /**
     * Messages per second through a file-backed work-queue stream: async publish of {@code count} messages of
     * {@code size} bytes, then pull consume with explicit ack in batches of 500.
     */
    static double jetStreamPublishConsumePerSecond(Connection nc, int count, byte[] body) throws Exception {
        String stream = "BENCH_RAW_" + System.nanoTime();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name(stream).subjects("bench.raw." + stream)
                .retentionPolicy(RetentionPolicy.WorkQueue).storageType(StorageType.File).build());
        JetStream js = nc.jetStream();
        long start = System.nanoTime();
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            acks.add(js.publishAsync("bench.raw." + stream, body));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        JetStreamSubscription sub = js.subscribe("bench.raw." + stream, PullSubscribeOptions.builder()
                .configuration(ConsumerConfiguration.builder().durable("raw").ackPolicy(AckPolicy.Explicit).maxAckPending(500).build()).build());
        int received = 0;
        while (received < count) {
            List<Message> batch = sub.fetch(500, Duration.ofSeconds(1));
            for (Message m : batch) {
                m.ack();
            }
            received += batch.size();
        }
        double rate = count / seconds(start);
        nc.jetStreamManagement().deleteStream(stream);
        return rate;
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
