package io.teatree.manager.apply;

import io.teatree.functions.Payload;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.Problem;
import java.util.UUID;

/**
 * One delivered intent on its way into a batch: decoded, or with the problem that stopped decoding.
 *
 * @param id          the intent id (from the envelope, or the message id when the body could not be decoded)
 * @param envelope    the decoded intent, or null when {@code decodeError} is set
 * @param decodeError why the message could not be decoded, or null
 * @param payload     the fetched payload for intents that reference one, or null
 */
public record PendingIntent(UUID id, IntentEnvelope envelope, Problem decodeError, Payload payload) {

    public PendingIntent withPayload(Payload fetched) {
        return new PendingIntent(id, envelope, decodeError, fetched);
    }
}
