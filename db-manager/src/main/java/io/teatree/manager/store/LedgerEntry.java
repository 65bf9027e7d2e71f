package io.teatree.manager.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.protocol.IntentStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of the ledger {@code _teatree.applied}: what became of an intent, at which version.
 *
 * @param appliedAt when its batch committed
 * @param startedAt when its batch began; null in rows written before the ledger recorded it
 */
public record LedgerEntry(UUID intentId, long version, IntentStatus status, Instant appliedAt, String function,
                          JsonNode result, JsonNode error, Instant submittedAt, String requester, Instant startedAt) {

    /** An entry without a recorded start. */
    public LedgerEntry(UUID intentId, long version, IntentStatus status, Instant appliedAt, String function,
                       JsonNode result, JsonNode error, Instant submittedAt, String requester) {
        this(intentId, version, status, appliedAt, function, result, error, submittedAt, requester, null);
    }
}
