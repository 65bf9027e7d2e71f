package io.teatree.dispatcher.demand;

import io.teatree.protocol.ModelId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One lock per model, held while a model's placement is started, stopped or removed, so calls for one model
 * are serialised as {@link io.teatree.dispatcher.placement.Placement} requires. Thread-safe.
 */
final class ModelLocks {

    private final ConcurrentMap<ModelId, Object> locks = new ConcurrentHashMap<>();

    /** The model's lock, to {@code synchronize} on; always the same object for one model. */
    Object of(ModelId model) {
        return locks.computeIfAbsent(model, m -> new Object());
    }
}
