package io.teatree.manager.consume;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.support.NatsJetStreamConstants;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The manager's durable pull consumer {@code mgr-<model>} on {@code TEATREE_INTENTS}, filtered to the model's
 * subject, explicit ack, MaxAckPending = batch size (docs/design.md, names on the wire). Used only by the writer thread.
 */
public final class IntentSource implements AutoCloseable {

    private final Connection connection;
    private final ModelId model;
    private final int batchSize;
    private final Duration linger;
    private final JetStreamSubscription subscription;

    public IntentSource(Connection connection, ModelId model, int batchSize, Duration linger, Duration ackWait)
            throws IOException, JetStreamApiException {
        this.connection = connection;
        this.model = model;
        this.batchSize = batchSize;
        this.linger = linger;
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .durable(Subjects.managerConsumer(model))
                .filterSubject(Subjects.intent(model))
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(ackWait)
                .maxAckPending(batchSize)
                .build();
        resetAbandonedDeliveries(connection, model);
        connection.jetStreamManagement().addOrUpdateConsumer(Subjects.INTENTS_STREAM, consumer);
        JetStream js = connection.jetStream();
        this.subscription = js.subscribe(Subjects.intent(model),
                PullSubscribeOptions.bind(Subjects.INTENTS_STREAM, Subjects.managerConsumer(model)));
    }

    /**
     * A predecessor that died (kill -9, lost node) leaves its last batch delivered but unacked, and with
     * MaxAckPending = batch size nothing more would be delivered until AckWait (60 s) expires. We hold the
     * lease, so no other manager consumes: recreating the consumer redelivers those intents at once (the
     * work-queue stream keeps every unacked message; the ledger drops the ones already applied).
     */
    private static void resetAbandonedDeliveries(Connection connection, ModelId model) throws IOException, JetStreamApiException {
        try {
            ConsumerInfo info = connection.jetStreamManagement().getConsumerInfo(Subjects.INTENTS_STREAM, Subjects.managerConsumer(model));
            if (info.getNumAckPending() > 0) {
                connection.jetStreamManagement().deleteConsumer(Subjects.INTENTS_STREAM, Subjects.managerConsumer(model));
            }
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != NatsJetStreamConstants.JS_CONSUMER_NOT_FOUND_ERR) { // a first start
                throw e;
            }
        }
    }

    /**
     * The next batch: whatever arrives within the linger time, up to the batch size; when nothing is there,
     * waits up to {@code idleWait} for a first intent. Empty when none came.
     */
    public List<Message> next(Duration idleWait) {
        List<Message> batch = new ArrayList<>(subscription.fetch(batchSize, linger));
        if (batch.isEmpty()) {
            batch.addAll(subscription.fetch(1, idleWait));
            if (!batch.isEmpty() && batchSize > 1) {
                batch.addAll(subscription.fetch(batchSize - 1, linger));
            }
        }
        return batch;
    }

    /** Intents stored for this model and not yet acknowledged (pending plus delivered-unacked). */
    public long outstanding() throws IOException, JetStreamApiException {
        ConsumerInfo info = connection.jetStreamManagement().getConsumerInfo(Subjects.INTENTS_STREAM, Subjects.managerConsumer(model));
        return info.getNumPending() + info.getNumAckPending();
    }

    @Override
    public void close() {
        try {
            subscription.unsubscribe();
        } catch (IllegalStateException ignored) {
            // connection already closed
        }
    }
}
