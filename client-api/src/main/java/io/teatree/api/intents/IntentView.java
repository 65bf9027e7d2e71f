package io.teatree.api.intents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teatree.api.problem.Redaction;
import io.teatree.protocol.control.IntentRow;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An intent's status. */
@Schema(description = "An intent and what became of it")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntentView(String id, String model, String function,
                         @Schema(enumeration = {"queued", "running", "succeeded", "failed"}) String status,
                         @Schema(description = "the model version that includes it") Long version,
                         @Schema(implementation = Object.class) JsonNode result,
                         @Schema(description = "a problem object when it failed", implementation = Object.class) JsonNode error,
                         Instant submittedAt, Instant startedAt, Instant finishedAt) {

    public static IntentView of(IntentRow row) {
        return new IntentView(row.id().toString(), row.model().value(), row.function(), row.status().wireName(), row.version(),
                row.result(), redacted(row.error()), row.submittedAt(), row.startedAt(), row.finishedAt());
    }

    /** A recorded failure with server paths taken out of its detail (db-manager messages name model files). */
    private static JsonNode redacted(JsonNode error) {
        if (error instanceof ObjectNode problem && problem.path("detail").isTextual()) {
            ObjectNode copy = problem.deepCopy();
            copy.put("detail", Redaction.redact(problem.get("detail").asText()));
            return copy;
        }
        return error;
    }
}
