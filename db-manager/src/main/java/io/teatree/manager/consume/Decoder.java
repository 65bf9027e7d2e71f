package io.teatree.manager.consume;

import io.nats.client.Message;
import io.teatree.functions.InvalidFieldException;
import io.teatree.manager.apply.PendingIntent;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.PayloadRef;
import io.teatree.protocol.Problem;
import io.teatree.protocol.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Turns a delivered message into a {@link PendingIntent}; never throws on bad input. */
public final class Decoder {

    private final ModelId model;
    private final String bucket;

    /** Decodes intents of {@code model}, whose payloads are staged in {@code bucket}. */
    public Decoder(ModelId model, String bucket) {
        this.model = model;
        this.bucket = bucket;
    }

    public PendingIntent decode(Message message) {
        UUID fallbackId = fallbackId(message);
        IntentEnvelope envelope;
        try {
            envelope = Json.read(message.getData(), IntentEnvelope.class);
        } catch (InvalidFieldException e) {
            return new PendingIntent(fallbackId, null,
                    Problem.of(ProblemType.UNDECODABLE_INTENT, e.getMessage(), e.field()), null);
        }
        if (!envelope.model().equals(model)) {
            return new PendingIntent(envelope.id(), null, Problem.of(ProblemType.WRONG_MODEL, "intent names model '" + envelope.model() + "' but arrived on " + message.getSubject(), "model"), null);
        }
        if (envelope.payloadRef() != null && !envelope.payloadRef().isStagingOf(bucket, model, envelope.id())) {
            return new PendingIntent(envelope.id(), null, Problem.of(ProblemType.WRONG_MODEL, "payloadRef must be s3://" + bucket + "/"
                    + PayloadRef.stagingKey(model, envelope.id()) + ", the staging object of this intent", "payloadRef"), null);
        }
        return new PendingIntent(envelope.id(), envelope, null, null);
    }

    /** The Nats-Msg-Id when it is a UUID; otherwise a stable id derived from the stream sequence. */
    private static UUID fallbackId(Message message) {
        String msgId = message.getHeaders() == null ? null : message.getHeaders().getFirst("Nats-Msg-Id");
        if (msgId != null) {
            try {
                return UUID.fromString(msgId);
            } catch (IllegalArgumentException ignored) {
                // not one of ours
            }
        }
        long sequence = message.isJetStream() ? message.metaData().streamSequence() : 0;
        return UUID.nameUUIDFromBytes(("teatree:seq:" + message.getSubject() + ":" + sequence).getBytes(StandardCharsets.UTF_8));
    }
}
