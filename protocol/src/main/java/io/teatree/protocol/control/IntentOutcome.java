package io.teatree.protocol.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.protocol.IntentStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * What became of one applied intent, as the db-manager reports it after a commit.
 *
 * @param result the function's result when it succeeded
 * @param error  a problem object when it failed
 */
public record IntentOutcome(UUID id, String function, IntentStatus status, long version, JsonNode result, JsonNode error,
                            Instant submittedAt, Instant finishedAt, String requester) {
}
