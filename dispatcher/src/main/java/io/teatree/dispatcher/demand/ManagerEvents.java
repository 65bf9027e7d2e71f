package io.teatree.dispatcher.demand;

import io.teatree.protocol.ModelId;
import java.time.Duration;

/** Events the dispatcher publishes on {@code teatree.event.<model>}. Thread-safe; failures are logged, not thrown. */
public interface ManagerEvents {

    /**
     * The model's manager keeps crashing: a {@code manager.stopped} event with
     * {@code data {reason: "crashloop", exitCode, crashes, retryIn}}.
     */
    void crashloop(ModelId model, int exitCode, int crashes, Duration retryIn);
}
