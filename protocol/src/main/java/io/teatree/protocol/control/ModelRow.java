package io.teatree.protocol.control;

import io.teatree.protocol.ModelId;
import io.teatree.protocol.ModelStatus;
import java.time.Instant;

/**
 * A row of {@code goal_model}.
 *
 * @param ownerSince when the process of the lease's owner started (null without an owner); lease renewals leave it alone
 */
public record ModelRow(ModelId id, String podClass, ModelStatus status, long currentVersion, Long snapshotVersion,
                       String ownerId, long ownerEpoch, Instant leaseUntil, Instant createdAt, Instant updatedAt, Instant ownerSince) {
}
