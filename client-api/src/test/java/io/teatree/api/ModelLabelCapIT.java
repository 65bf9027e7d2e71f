package io.teatree.api;

import static io.teatree.api.Api.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.telemetry.LabelCap;
import io.teatree.testkit.TeatreeTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ModelLabelCapIT.LowCap.class)
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class ModelLabelCapIT {

    private static final int MODELS = 2_000;
    private static final int CAP = 20;
    private static final String ACCEPTED = "teatree_api_intents_accepted_total";

    /** The model label capped low, in an application of its own so no other test's models count. */
    public static class LowCap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("teatree.metrics.model-label-cap", String.valueOf(CAP));
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoThousandModelsMakeCapPlusOneSeriesWithTheRestUnderOther() throws Exception {
        ControlStore control = new ControlStore(dataSource);
        String prefix = "cap-" + ProcessHandle.current().pid() + "-";
        List<String> models = new ArrayList<>();
        for (int i = 0; i < MODELS; i++) {
            String model = prefix + i;
            assertThat(control.createModel(ModelId.of(model), "small")).isTrue();
            models.add(model);
        }

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String model : models) {
                statuses.add(pool.submit(() -> submit(client, model)));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(202);
            }
        } finally {
            client.shutdownNow();
        }

        Metrics metrics = Metrics.scrape();
        List<Metrics.Sample> accepted = metrics.named(ACCEPTED);
        Set<String> labels = accepted.stream().map(s -> s.labels().get("model")).collect(Collectors.toSet());
        assertThat(labels).hasSize(CAP + 1).contains(LabelCap.OTHER);
        assertThat(metrics.value(ACCEPTED, "model", LabelCap.OTHER, "function", "append")).isEqualTo(MODELS - CAP);
        assertThat(accepted).filteredOn(s -> !s.labels().get("model").equals(LabelCap.OTHER))
                .allSatisfy(s -> assertThat(s.value()).isEqualTo(1.0));
        assertThat(accepted.stream().mapToDouble(Metrics.Sample::value).sum()).isEqualTo(MODELS);
        // one series per model would add 2,000 lines on their own
        assertThat(metrics.lines()).isLessThan(1_000);
    }

    private int submit(HttpClient client, String model) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/models/" + model + "/intents"))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"function": "append", "args": {"table": "sales", "rows": [{"id": 1}]}}"""))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
