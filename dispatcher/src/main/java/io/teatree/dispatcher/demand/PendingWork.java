package io.teatree.dispatcher.demand;

import io.teatree.protocol.ModelId;
import java.util.Map;

/** Intents waiting on {@code TEATREE_INTENTS}, per model. Thread-safe. */
public interface PendingWork {

    /** Models with at least one message not yet acknowledged by their manager, with the count. */
    Map<ModelId, Long> pending();
}
