package io.teatree.api.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.teatree.protocol.control.ModelRow;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A registered model. */
@Schema(description = "A registered goal model")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelView(String id, String podClass, String status, long currentVersion, Long snapshotVersion,
                        ManagerView manager, Instant createdAt) {

    public static ModelView of(ModelRow row) {
        boolean leased = row.ownerId() != null && row.leaseUntil() != null && row.leaseUntil().isAfter(Instant.now());
        return new ModelView(row.id().value(), row.podClass(), row.status().wireName(), row.currentVersion(), row.snapshotVersion(),
                new ManagerView(leased ? "running" : "stopped", leased ? row.ownerId() : null,
                        leased && row.ownerSince() != null ? row.ownerSince() : row.updatedAt()), row.createdAt());
    }
}
