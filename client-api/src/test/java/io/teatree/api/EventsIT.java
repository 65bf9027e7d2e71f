package io.teatree.api;

import static io.teatree.api.Api.ADMIN_KEY;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.teatree.protocol.EventEnvelope;
import io.teatree.protocol.EventType;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import io.teatree.testkit.TeatreeTestResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class EventsIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aReconnectWithLastEventIdResumesWithNoGapAndNoRepeatOver1000Events() throws Exception {
        String model = newModel("events");
        String other = newModel("noise");
        List<Long> published = new ArrayList<>();
        published.addAll(publish(model, other, 500));

        URI uri = base.resolve("/v1/models/" + model + "/events?since=0");
        SseClient.Session first = SseClient.read(uri, ADMIN_KEY, null, 300, 0);
        assertThat(first.status()).isEqualTo(200);
        long last = first.events().get(first.events().size() - 1).id();

        published.addAll(publish(model, other, 500));
        SseClient.Session second = SseClient.read(base.resolve("/v1/models/" + model + "/events"), ADMIN_KEY,
                String.valueOf(last), 700, 0);

        List<Long> received = new ArrayList<>();
        first.events().forEach(e -> received.add(e.id()));
        second.events().forEach(e -> received.add(e.id()));
        assertThat(received).hasSize(1000).doesNotHaveDuplicates().containsExactlyElementsOf(published);

        SseClient.Event sample = second.events().get(0);
        JsonNode data = Json.MAPPER.readTree(sample.data());
        assertThat(sample.type()).isEqualTo(data.get("type").asText());
        assertThat(data.get("seq").asLong()).isEqualTo(sample.id());
        assertThat(data.get("model").asText()).isEqualTo(model);
    }

    @Test
    void typesFilterAndSinceSelectEvents() throws Exception {
        String model = newModel("filter");
        List<Long> seqs = publish(model, null, 10);
        SseClient.Session failed = SseClient.read(base.resolve("/v1/models/" + model + "/events?since=0&types=intent.failed"),
                ADMIN_KEY, null, 5, 0);
        assertThat(failed.events()).extracting(SseClient.Event::type).containsOnly("intent.failed");
        assertThat(failed.events()).extracting(SseClient.Event::id)
                .containsExactly(seqs.get(1), seqs.get(3), seqs.get(5), seqs.get(7), seqs.get(9));

        SseClient.Session since = SseClient.read(base.resolve("/v1/models/" + model + "/events?since=" + seqs.get(7)),
                ADMIN_KEY, null, 2, 0);
        assertThat(since.events()).extracting(SseClient.Event::id).containsExactly(seqs.get(8), seqs.get(9));
    }

    @Test
    void idleStreamsGetHeartbeatsAndBadParametersGetProblems() throws Exception {
        String model = newModel("idle");
        SseClient.Session idle = SseClient.read(base.resolve("/v1/models/" + model + "/events"), ADMIN_KEY, null, 0, 2);
        assertThat(idle.comments()).isEqualTo(2); // 'connected' and one heartbeat
        assertThat(idle.events()).isEmpty();
        assertThat(SseClient.read(base.resolve("/v1/models/" + model + "/events?types=nope"), ADMIN_KEY, null, 0, 1).status()).isEqualTo(400);
        assertThat(SseClient.read(base.resolve("/v1/models/" + model + "/events"), ADMIN_KEY, "x", 0, 1).status()).isEqualTo(400);
        assertThat(SseClient.read(base.resolve("/v1/models/no-such-model/events"), ADMIN_KEY, null, 0, 1).status()).isEqualTo(404);
    }

    private static java.util.Set<Long> liveThreadIds() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::threadId).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void hundredsOfSubscribersShareThreadsAndAllGetTheEvent() throws Exception {
        String model = newModel("crowd");
        int subscribers = 300;
        java.util.Set<Long> before = liveThreadIds();
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger received = new AtomicInteger();
        List<Flow.Subscription> subscriptions = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            for (int i = 0; i < subscribers; i++) {
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/models/" + model + "/events"))
                        .header("Authorization", "Bearer " + ADMIN_KEY).header("Accept", "text/event-stream").build();
                client.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        subscriptions.add(subscription);
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(String line) {
                        if (line.startsWith(":") && line.contains("connected")) {
                            connected.incrementAndGet();
                        } else if (line.startsWith("data:")) {
                            received.incrementAndGet();
                        }
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        errors.add(throwable);
                    }

                    @Override
                    public void onComplete() {
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(connected.get()).as("errors: %s", errors).isEqualTo(subscribers));
            // the consumers exist once the streams are open; give JetStream a moment to confirm them
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(Api.nats().jetStreamManagement().getStreamInfo(Subjects.EVENTS_STREAM).getStreamState().getConsumerCount())
                            .isGreaterThanOrEqualTo(subscribers));
            // server threads that appeared for the subscribers and are held now, not parked idle in a pool
            // (the test's own HTTP client threads do not count)
            List<String> added = Thread.getAllStackTraces().entrySet().stream()
                    .filter(e -> !before.contains(e.getKey().threadId()) && !e.getKey().getName().startsWith("HttpClient"))
                    .filter(e -> java.util.Arrays.stream(e.getValue()).noneMatch(f -> f.getMethodName().equals("park")
                            && f.getClassName().endsWith("EnhancedQueueExecutor$PoolThreadNode")))
                    .map(e -> e.getKey().getName().replaceAll("[-#\\s]*\\d+$", "")).toList();
            publish(model, null, 1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received.get()).isEqualTo(subscribers));
            java.util.Map<String, Long> byName = added.stream().collect(java.util.stream.Collectors.groupingBy(n -> n,
                    java.util.TreeMap::new, java.util.stream.Collectors.counting()));
            io.quarkus.logging.Log.infof("%d SSE subscribers hold %d new threads: %s", subscribers, added.size(), byName);
            assertThat(added.size()).as("threads held for %d subscribers: %s", subscribers, byName).isLessThan(subscribers / 10);
        } finally {
            subscriptions.forEach(Flow.Subscription::cancel);
            client.shutdownNow();
        }
    }

    /** Publishes {@code count} alternating succeeded/failed events for {@code model} (and noise for {@code other}). */
    static List<Long> publish(String model, String other, int count) throws Exception {
        JetStream js = Api.nats().jetStream();
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EventType type = i % 2 == 0 ? EventType.INTENT_SUCCEEDED : EventType.INTENT_FAILED;
            EventEnvelope event = new EventEnvelope(ModelId.of(model), null, type, UUID.randomUUID(), (long) i, null, null, null,
                    java.time.Instant.now());
            acks.add(js.publishAsync(Subjects.event(ModelId.of(model)), Json.write(event)));
            if (other != null) {
                js.publishAsync(Subjects.event(ModelId.of(other)), Json.write(EventEnvelope.of(ModelId.of(other),
                        EventType.SNAPSHOT_READY, (long) i, null)));
            }
        }
        List<Long> seqs = new ArrayList<>();
        for (CompletableFuture<PublishAck> ack : acks) {
            seqs.add(ack.get().getSeqno());
        }
        return seqs;
    }
}
