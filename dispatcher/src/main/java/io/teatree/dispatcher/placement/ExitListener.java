package io.teatree.dispatcher.placement;

import io.teatree.protocol.ModelId;
import java.time.Duration;

/**
 * Told when a manager ended by itself. Called on a placement's own thread, never while it holds a lock
 * the caller could need; implementations must return quickly.
 */
@FunctionalInterface
public interface ExitListener {

    /**
     * A manager ended.
     *
     * @param model    its model
     * @param exitCode 0 after an idle or requested stop; anything else is a crash
     * @param ranFor   how long that run lasted
     */
    void exited(ModelId model, int exitCode, Duration ranFor);
}
