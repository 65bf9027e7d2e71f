package io.teatree.manager.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.teatree.manager.store.LedgerEntry;
import io.teatree.protocol.EventEnvelope;
import io.teatree.protocol.EventType;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Publishes the model's events to {@code teatree.event.<model>} (JetStream {@code TEATREE_EVENTS}). Intent
 * events carry a {@code Nats-Msg-Id} of intent id and status, so a replay after a crash is stored once.
 * Publishing is asynchronous; a lost event never blocks the writer (the control rows and ledger hold the truth).
 */
public final class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final ModelId model;
    private final JetStream jetStream;

    public EventPublisher(Connection connection, ModelId model) throws IOException {
        this.model = model;
        this.jetStream = connection.jetStream();
    }

    /** One event per ledger entry: {@code intent.succeeded} or {@code intent.failed}. */
    public void intents(List<LedgerEntry> entries) {
        for (LedgerEntry e : entries) {
            EventType type = e.status() == IntentStatus.SUCCEEDED ? EventType.INTENT_SUCCEEDED : EventType.INTENT_FAILED;
            EventEnvelope event = new EventEnvelope(model, null, type, e.intentId(), e.version(), e.status().wireName(),
                    e.error(), e.result(), e.appliedAt());
            publish(event, e.intentId() + ":" + e.status().wireName());
        }
    }

    /**
     * One {@code intent.running} event per intent of a batch that begins, {@code at} its start; a replay of the
     * same intent is stored once ({@code Nats-Msg-Id} {@code <intentId>:running}).
     */
    public void running(List<UUID> intents, Instant at) {
        for (UUID id : intents) {
            EventEnvelope event = new EventEnvelope(model, null, EventType.INTENT_RUNNING, id, null, IntentStatus.RUNNING.wireName(),
                    null, null, at);
            publish(event, id + ":" + IntentStatus.RUNNING.wireName());
        }
    }

    /** A manager or snapshot event. */
    public void publish(EventType type, Long version, JsonNode data) {
        publish(new EventEnvelope(model, null, type, null, version, null, null, data, Instant.now()), null);
    }

    private void publish(EventEnvelope event, String msgId) {
        Headers headers = new Headers();
        if (msgId != null) {
            headers.add("Nats-Msg-Id", msgId);
        }
        NatsMessage message = NatsMessage.builder().subject(Subjects.event(model)).headers(headers).data(Json.write(event)).build();
        CompletableFuture<?> ack = jetStream.publishAsync(message);
        ack.exceptionally(error -> {
            LOG.warnf("model %s: event %s not stored: %s", model, event.type().wireName(), error.getMessage());
            return null;
        });
    }
}
