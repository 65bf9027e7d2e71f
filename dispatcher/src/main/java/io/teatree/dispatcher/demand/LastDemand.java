package io.teatree.dispatcher.demand;

import io.teatree.dispatcher.placement.PlacementInfo;
import io.teatree.protocol.ModelId;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** When each model last had demand (an intent seen or pending), from which its manager's idle time counts. Thread-safe. */
final class LastDemand {

    private final ConcurrentMap<ModelId, Instant> seen = new ConcurrentHashMap<>();

    /** The model had demand at {@code at}. */
    void seen(ModelId model, Instant at) {
        seen.put(model, at);
    }

    /** The model had demand at {@code at}, unless some was recorded before. */
    void seenIfNone(ModelId model, Instant at) {
        seen.putIfAbsent(model, at);
    }

    /** Since when the placement has been idle: its last demand, or the placement's own time when that is later. */
    Instant idleSince(PlacementInfo info) {
        Instant demand = seen.get(info.model());
        return demand == null || demand.isBefore(info.since()) ? info.since() : demand;
    }
}
