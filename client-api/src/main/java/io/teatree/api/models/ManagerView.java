package io.teatree.api.models;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The state of a model's db-manager, from its lease. */
@Schema(description = "The model's db-manager")
public record ManagerView(
        @Schema(description = "running while a manager holds a live lease, otherwise stopped") String state,
        @Schema(description = "the manager holding the lease, if any") String owner,
        @Schema(description = "running: when the manager's process started; stopped: when the model's control row last changed") Instant since) {
}
