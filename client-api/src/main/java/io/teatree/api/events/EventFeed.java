package io.teatree.api.events;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.teatree.api.config.ApiConfig;
import io.teatree.api.problem.Problems;
import io.teatree.protocol.EventEnvelope;
import io.teatree.protocol.EventType;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Set;

/**
 * A model's events from {@code TEATREE_EVENTS} as a stream, one JetStream ordered push consumer (ephemeral,
 * flow-controlled, gap-detecting) per subscriber. Every subscription shares one NATS dispatcher, so a
 * subscriber costs a consumer and a bounded buffer, never a thread. A subscriber that falls more than
 * {@code teatree.events.subscriber-buffer} events behind is failed; it resumes with its last event id.
 */
@ApplicationScoped
public class EventFeed {

    private final Connection connection;
    private final int buffer;
    private Dispatcher dispatcher;

    public EventFeed(Connection connection, ApiConfig config) {
        this.connection = connection;
        this.buffer = config.events().subscriberBuffer();
    }

    /** The sequence of the newest message in {@code TEATREE_EVENTS} (0 when empty); 503 when NATS does not answer. Blocking. */
    public long lastSequence() {
        try {
            return connection.jetStreamManagement().getStreamInfo(Subjects.EVENTS_STREAM).getStreamState().getLastSequence();
        } catch (IOException | JetStreamApiException e) {
            throw Problems.unavailable("the event stream (NATS) is unreachable; retry later");
        }
    }

    /**
     * Events of {@code model} after stream sequence {@code afterSeq} ({@code 0} for all kept events), or only
     * new ones when {@code afterSeq} is negative; filtered to {@code types} unless that is empty.
     */
    public Multi<EventEnvelope> follow(ModelId model, long afterSeq, Set<EventType> types) {
        // creating the consumer is a request to the server: never on an event loop
        // the emitter itself holds up to `buffer` events the subscriber has not requested yet (requests reach it
        // asynchronously through runSubscriptionOn); past that the subscriber is failed and resumes by id
        return Multi.createFrom().<EventEnvelope>emitter(emitter -> subscribe(emitter, model, afterSeq, types), buffer)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void subscribe(MultiEmitter<? super EventEnvelope> emitter, ModelId model, long afterSeq, Set<EventType> types) {
        ConsumerConfiguration.Builder consumer = ConsumerConfiguration.builder();
        if (afterSeq < 0) {
            consumer.deliverPolicy(DeliverPolicy.New);
        } else if (afterSeq == 0) {
            consumer.deliverPolicy(DeliverPolicy.All);
        } else {
            consumer.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(afterSeq + 1);
        }
        PushSubscribeOptions options = PushSubscribeOptions.builder()
                .stream(Subjects.EVENTS_STREAM)
                .ordered(true)
                .configuration(consumer.build())
                .build();
        try {
            Dispatcher shared = dispatcher();
            JetStreamSubscription subscription = connection.jetStream().subscribe(Subjects.event(model), shared,
                    message -> deliver(emitter, message, types), false, options);
            emitter.onTermination(() -> unsubscribe(shared, subscription));
        } catch (Exception e) {
            emitter.fail(e);
        }
    }

    private static void deliver(MultiEmitter<? super EventEnvelope> emitter, Message message, Set<EventType> types) {
        if (emitter.isCancelled()) {
            return;
        }
        long seq = message.metaData().streamSequence();
        EventEnvelope event;
        try {
            event = Json.read(message.getData(), EventEnvelope.class).withSeq(seq);
        } catch (IllegalArgumentException e) {
            Log.warnf("skipping malformed event %d on %s: %s", seq, message.getSubject(), e.getMessage());
            return;
        }
        if (types.isEmpty() || types.contains(event.type())) {
            emitter.emit(event);
        }
    }

    private static void unsubscribe(Dispatcher shared, JetStreamSubscription subscription) {
        try {
            shared.unsubscribe(subscription);
        } catch (RuntimeException e) {
            Log.debugf("event subscription already closed: %s", e.getMessage());
        }
    }

    private synchronized Dispatcher dispatcher() {
        if (dispatcher == null) {
            dispatcher = connection.createDispatcher();
        }
        return dispatcher;
    }

    @PreDestroy
    synchronized void close() {
        if (dispatcher != null) {
            connection.closeDispatcher(dispatcher);
        }
    }
}
