package io.teatree.api.intents;

import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.ModelId;
import java.util.UUID;

/**
 * An intent the queue holds.
 *
 * @param id     the intent id
 * @param model  its model
 * @param status {@code queued} when just accepted; the current status for a replayed idempotent request
 */
public record Accepted(UUID id, ModelId model, IntentStatus status) {
}
