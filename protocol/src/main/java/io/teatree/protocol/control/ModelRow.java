package io.teatree.protocol.control;

import io.teatree.protocol.ModelId;
import io.teatree.protocol.ModelStatus;
import java.time.Instant;

/** A row of {@code goal_model}. */
public record ModelRow(ModelId id, String podClass, ModelStatus status, long currentVersion, Long snapshotVersion,
                       String ownerId, long ownerEpoch, Instant leaseUntil, Instant createdAt, Instant updatedAt) {
}
