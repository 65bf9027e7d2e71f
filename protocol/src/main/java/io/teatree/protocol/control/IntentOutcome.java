package io.teatree.protocol.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.protocol.IntentStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * What became of one applied intent, as the db-manager reports it after a commit.
 *
 * @param result    the function's result when it succeeded
 * @param error     a problem object when it failed
 * @param startedAt when the batch that applied it began
 */
public record IntentOutcome(UUID id, String function, IntentStatus status, long version, JsonNode result, JsonNode error,
                            Instant submittedAt, Instant startedAt, Instant finishedAt, String requester) {

    /** An outcome whose start is not known: recorded as started when it finished. */
    public IntentOutcome(UUID id, String function, IntentStatus status, long version, JsonNode result, JsonNode error,
                         Instant submittedAt, Instant finishedAt, String requester) {
        this(id, function, status, version, result, error, submittedAt, finishedAt, finishedAt, requester);
    }
}
