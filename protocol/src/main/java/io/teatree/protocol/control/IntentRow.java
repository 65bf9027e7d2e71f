package io.teatree.protocol.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.ModelId;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code intent}. */
public record IntentRow(UUID id, ModelId model, String function, IntentStatus status, Instant submittedAt,
                        Instant startedAt, Instant finishedAt, Long version, JsonNode error, JsonNode result,
                        String requester, String requestHash) {

    /** A freshly accepted intent. */
    public static IntentRow queued(UUID id, ModelId model, String function, Instant submittedAt, String requester, String requestHash) {
        return new IntentRow(id, model, function, IntentStatus.QUEUED, submittedAt, null, null, null, null, null, requester, requestHash);
    }
}
