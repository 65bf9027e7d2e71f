package io.teatree.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.teatree.testkit.NatsServer;
import io.teatree.testkit.WithTeatreeServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithTeatreeServers
class JetStreamIT {

    private Connection nc;

    @BeforeEach
    void connect(NatsServer nats) throws Exception {
        nc = Nats.connect(nats.url());
        Streams.provision(nc, Duration.ofDays(7));
    }

    @AfterEach
    void close() throws InterruptedException {
        nc.close();
    }

    @Test
    void provisioningIsIdempotentAndAppliesDesignSettings() throws Exception {
        Streams.provision(nc, Duration.ofDays(7));
        Streams.provision(nc, Duration.ofDays(3));
        StreamInfo intents = nc.jetStreamManagement().getStreamInfo(Subjects.INTENTS_STREAM);
        assertThat(intents.getConfiguration().getRetentionPolicy()).isEqualTo(RetentionPolicy.WorkQueue);
        assertThat(intents.getConfiguration().getStorageType()).isEqualTo(StorageType.File);
        assertThat(intents.getConfiguration().getDuplicateWindow()).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
        StreamInfo events = nc.jetStreamManagement().getStreamInfo(Subjects.EVENTS_STREAM);
        assertThat(events.getConfiguration().getRetentionPolicy()).isEqualTo(RetentionPolicy.Limits);
        assertThat(events.getConfiguration().getMaxAge()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void onlyTheOwnerChangesTheEventsRetention() throws Exception {
        Streams.provision(nc, Duration.ofDays(3));

        Streams.ensure(nc);
        StreamPolicy.ensureOnly().apply(nc);
        assertThat(nc.jetStreamManagement().getStreamInfo(Subjects.EVENTS_STREAM).getConfiguration().getMaxAge())
                .isEqualTo(Duration.ofDays(3));

        StreamPolicy.owner(Duration.ofDays(5)).apply(nc);
        assertThat(nc.jetStreamManagement().getStreamInfo(Subjects.EVENTS_STREAM).getConfiguration().getMaxAge())
                .isEqualTo(Duration.ofDays(5));
    }

    @Test
    void ensureCreatesMissingStreamsWithTheDefaults() throws Exception {
        nc.jetStreamManagement().deleteStream(Subjects.EVENTS_STREAM);

        Streams.ensure(nc);
        assertThat(nc.jetStreamManagement().getStreamInfo(Subjects.EVENTS_STREAM).getConfiguration().getMaxAge())
                .isEqualTo(Streams.DEFAULT_EVENTS_MAX_AGE);
    }

    @Test
    void duplicatePublishUnderOneMsgIdIsStoredOnceAndFilteredConsumerSeesOnlyItsModel() throws Exception {
        ModelId model = ModelId.of("js-" + UUID.randomUUID().toString().substring(0, 8));
        ModelId other = ModelId.of("js-other-" + UUID.randomUUID().toString().substring(0, 8));
        JetStream js = nc.jetStream();
        IntentEnvelope intent = new IntentEnvelope(IntentIds.newId(), model, "append", null, null, Instant.now(), "test");

        PublishAck first = js.publish(message(intent));
        PublishAck second = js.publish(message(intent));
        assertThat(first.isDuplicate()).isFalse();
        assertThat(second.isDuplicate()).isTrue();
        assertThat(second.getSeqno()).isEqualTo(first.getSeqno());
        js.publish(message(new IntentEnvelope(IntentIds.newId(), other, "append", null, null, Instant.now(), "test")));

        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .durable(Subjects.managerConsumer(model))
                .filterSubject(Subjects.intent(model))
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(Duration.ofSeconds(60))
                .maxAckPending(500)
                .build();
        JetStreamSubscription sub = js.subscribe(Subjects.intent(model), PullSubscribeOptions.builder().configuration(consumer).build());
        List<Message> batch = sub.fetch(10, Duration.ofSeconds(2));
        assertThat(batch).hasSize(1);
        IntentEnvelope received = Json.read(batch.get(0).getData(), IntentEnvelope.class);
        assertThat(received).isEqualTo(intent);
        assertThat(batch.get(0).getHeaders().getFirst("Nats-Msg-Id")).isEqualTo(intent.id().toString());
        batch.get(0).ack();
        sub.unsubscribe();
    }

    @Test
    void overlappingConsumerOnAWorkQueueIsRefused() throws Exception {
        ModelId model = ModelId.of("js-overlap-" + UUID.randomUUID().toString().substring(0, 8));
        ConsumerConfiguration first = ConsumerConfiguration.builder().durable(Subjects.managerConsumer(model))
                .filterSubject(Subjects.intent(model)).ackPolicy(AckPolicy.Explicit).build();
        nc.jetStreamManagement().addOrUpdateConsumer(Subjects.INTENTS_STREAM, first);
        ConsumerConfiguration overlapping = ConsumerConfiguration.builder().durable("overlap-" + model.value())
                .filterSubject(Subjects.intent(model)).ackPolicy(AckPolicy.Explicit).build();
        assertThatThrownBy(() -> nc.jetStreamManagement().addOrUpdateConsumer(Subjects.INTENTS_STREAM, overlapping))
                .isInstanceOf(JetStreamApiException.class);
    }

    private static NatsMessage message(IntentEnvelope intent) {
        Headers headers = new Headers().add("Nats-Msg-Id", intent.id().toString());
        return NatsMessage.builder().subject(Subjects.intent(intent.model())).headers(headers).data(Json.write(intent)).build();
    }
}
