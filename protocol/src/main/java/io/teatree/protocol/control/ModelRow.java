package io.teatree.protocol.control;

import io.teatree.protocol.ModelId;
import java.time.Instant;

/** A row of {@code goal_model}. */
public record ModelRow(ModelId id, String podClass, String status, long currentVersion, Long snapshotVersion,
                       String ownerId, long ownerEpoch, Instant leaseUntil, Instant createdAt, Instant updatedAt) {
}
