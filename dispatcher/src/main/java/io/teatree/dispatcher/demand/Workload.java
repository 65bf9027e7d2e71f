package io.teatree.dispatcher.demand;

import io.teatree.protocol.ModelId;
import java.util.Map;

/**
 * What one reconcile pass saw: the intents waiting per model and how many managers run or start. A replica
 * that does not lead reconciles nothing and reports {@link #NONE}, so only the leader's numbers count.
 *
 * @param pending         models with at least one intent waiting, with the count
 * @param runningManagers managers starting or running after the pass
 */
public record Workload(Map<ModelId, Long> pending, int runningManagers) {

    /** Nothing pending, nothing running: before the first pass, and on a replica that does not lead. */
    public static final Workload NONE = new Workload(Map.of(), 0);

    public Workload {
        pending = Map.copyOf(pending);
        if (runningManagers < 0) {
            throw new IllegalArgumentException("runningManagers must be >= 0, was " + runningManagers);
        }
    }

    /** Every pending intent of every model. */
    public long pendingTotal() {
        return pending.values().stream().mapToLong(Long::longValue).sum();
    }
}
