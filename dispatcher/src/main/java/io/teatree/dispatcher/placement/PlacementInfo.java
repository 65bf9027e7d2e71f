package io.teatree.dispatcher.placement;

import io.teatree.protocol.ModelId;
import java.time.Instant;

/**
 * One model's placement as its {@link Placement} sees it.
 *
 * @param model    the model
 * @param state    the manager's state
 * @param since    when it entered that state (as far as the placement knows)
 * @param podClass the pod class it was started with, or null when unknown
 * @param restarts how many times it was restarted after a crash
 * @param detail   where it runs (a pid, a StatefulSet) or why it stopped
 */
public record PlacementInfo(ModelId model, ManagerState state, Instant since, String podClass, int restarts, String detail) {

    public PlacementInfo {
        if (model == null || state == null || since == null) {
            throw new IllegalArgumentException("model, state and since are required");
        }
    }
}
