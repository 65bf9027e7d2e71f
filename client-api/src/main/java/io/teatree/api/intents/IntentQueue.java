package io.teatree.api.intents;

import io.nats.client.api.PublishAck;
import io.quarkus.logging.Log;
import io.teatree.api.auth.Caller;
import io.teatree.api.telemetry.ApiMetrics;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.ControlStoreUnavailableException;
import io.teatree.protocol.control.IntentRow;
import io.teatree.protocol.control.ModelRow;
import io.teatree.service.log.ModelMdc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The steps every accepted intent takes (docs/design.md, the path of one intent): publish to JetStream, wait for the PubAck, then record
 * the row {@code queued} (insert-if-absent, group-committed with concurrent submissions by {@link QueuedRows}). Nothing is recorded
 * when the publish fails. Blocking.
 */
@ApplicationScoped
public class IntentQueue {

    @Inject IntentPublisher publisher;
    @Inject ControlStore control;
    @Inject ApiMetrics metrics;
    @Inject QueuedRows queuedRows;
    @Inject ModelCache models;

    /** The model's row; 404 when it is not registered, 503 when Postgres is unreachable. */
    public ModelRow requireModel(ModelId model) {
        return models.get(model).orElseThrow(() -> Caller.unknownModel(model));
    }

    /** The intent's row, if any. */
    public Optional<IntentRow> find(UUID id) {
        return control.intent(id);
    }

    /**
     * Publishes and records the intent; 503 (and nothing recorded) when JetStream does not acknowledge. Counts it
     * as accepted unless JetStream already had it.
     *
     * @param traceHeaders the client's W3C trace context, carried on the message when tracing is off
     */
    public PublishAck enqueue(IntentEnvelope intent, String requestHash, Map<String, String> traceHeaders) {
        try (ModelMdc mdc = ModelMdc.of(intent.model(), intent.id().toString())) {
            PublishAck ack = publishAndRecord(intent, requestHash, traceHeaders);
            if (!ack.isDuplicate()) {
                metrics.accepted(intent.model(), intent.function());
            }
            return ack;
        }
    }

    private PublishAck publishAndRecord(IntentEnvelope intent, String requestHash, Map<String, String> traceHeaders) {
        PublishAck ack = publisher.publish(intent, traceHeaders);
        try {
            queuedRows.record(IntentRow.queued(intent.id(), intent.model(), intent.function(), intent.submittedAt(),
                    intent.requester(), requestHash));
        } catch (ControlStoreUnavailableException e) {
            // the intent is durable in JetStream; the db-manager writes its row when it applies it
            Log.warnf("intent %s accepted but its queued row was not written: %s", intent.id(), e.getMessage());
        }
        Log.debugf("intent %s queued for model %s (%s, stream seq %d%s)", intent.id(), intent.model(), intent.function(),
                ack.getSeqno(), ack.isDuplicate() ? ", duplicate" : "");
        return ack;
    }
}
