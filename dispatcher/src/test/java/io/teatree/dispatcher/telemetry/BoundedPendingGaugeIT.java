package io.teatree.dispatcher.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.PurgeOptions;
import io.nats.client.api.PublishAck;
import io.teatree.dispatcher.adapter.NatsPendingWork;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Streams;
import io.teatree.protocol.Subjects;
import io.teatree.protocol.telemetry.LabelCap;
import io.teatree.testkit.NatsServer;
import io.teatree.testkit.PrometheusText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pending-intents gauge over a real {@code TEATREE_INTENTS} stream with one intent on each of 2,000
 * models: with a model label cap of 20 a scrape has 21 series that add up to the stream's count, and
 * models whose intents are gone read 0. A NATS server of its own keeps these 2,000 models away from the
 * dispatchers other tests run.
 */
class BoundedPendingGaugeIT {

    private static final int MODELS = 2_000;
    private static final int CAP = 20;
    private static final String NAME = "teatree_dispatcher_pending_intents";

    @TempDir
    Path dir;

    @Test
    void twoThousandModelsMakeAtMostCapPlusOneSeriesThatAddUp() throws Exception {
        try (NatsServer server = new NatsServer(dir).start(); Connection nats = Nats.connect(server.url())) {
            Streams.provision(nats, Duration.ofDays(1));
            JetStream js = nats.jetStream();
            List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
            for (int i = 0; i < MODELS; i++) {
                acks.add(js.publishAsync(Subjects.intent(model(i)), "{}".getBytes(StandardCharsets.UTF_8)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            NatsPendingWork work = new NatsPendingWork(nats);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            PendingIntentsGauge gauge = new PendingIntentsGauge(registry, new LabelCap(CAP));

            Map<ModelId, Long> pending = work.pending();
            assertThat(pending).hasSize(MODELS);
            gauge.update(pending);
            Map<String, Double> series = PrometheusText.parse(registry.scrape()).byLabel(NAME, "model");
            assertThat(series).hasSize(CAP + 1);
            assertThat(sum(series)).isEqualTo(MODELS);
            assertThat(series.get(LabelCap.OTHER)).isEqualTo(MODELS - CAP);

            for (int i = 0; i < MODELS / 2; i++) {
                nats.jetStreamManagement().purgeStream(Subjects.INTENTS_STREAM, PurgeOptions.subject(Subjects.intent(model(i))));
            }
            gauge.update(work.pending());
            Map<String, Double> afterPurge = PrometheusText.parse(registry.scrape()).byLabel(NAME, "model");
            assertThat(afterPurge).hasSize(CAP + 1);
            assertThat(sum(afterPurge)).isEqualTo(MODELS / 2);
            afterPurge.forEach((label, value) -> assertThat(value).as(label)
                    .isEqualTo(label.equals(LabelCap.OTHER) ? MODELS / 2 : 0.0));
        }
    }

    /** Models in name order, so the first {@value #CAP} the gauge sees are the first purged. */
    private static ModelId model(int i) {
        return ModelId.of(String.format("bounded-%04d", i));
    }

    private static double sum(Map<String, Double> series) {
        return series.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
