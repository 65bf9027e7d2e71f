package io.teatree.manager.apply;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Told when a batch begins, before its functions run, on the writer thread: it must not block (publish
 * asynchronously).
 */
@FunctionalInterface
public interface BatchStart {

    /**
     * @param intents the ids of the intents the batch will run, in order
     * @param at      when the batch began
     */
    void began(List<UUID> intents, Instant at);
}
