package io.teatree.dispatcher.demand;

import io.quarkus.logging.Log;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.ModelStatus;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a model's crash-loop status: {@code crashloop} in {@code goal_model} and a {@code manager.stopped}
 * event when its manager keeps crashing, {@code idle} once it recovered. A status that cannot be written
 * is logged, not thrown. Thread-safe.
 */
final class StatusWriter {

    private final ModelDirectory models;
    private final ManagerEvents events;
    private final Set<ModelId> crashlooping = ConcurrentHashMap.newKeySet();

    StatusWriter(ModelDirectory models, ManagerEvents events) {
        this.models = models;
        this.events = events;
    }

    /** The model's manager keeps crashing: status {@code crashloop} and a crashloop event. */
    void crashloop(ModelId model, int exitCode, int crashes, Duration retryIn) {
        crashlooping.add(model);
        write(model, ModelStatus.CRASHLOOP);
        events.crashloop(model, exitCode, crashes, retryIn);
    }

    /** The model's manager no longer crash-loops: status {@code idle} if it was {@code crashloop}; true when so. */
    boolean recovered(ModelId model) {
        if (!crashlooping.remove(model)) {
            return false;
        }
        write(model, ModelStatus.IDLE);
        return true;
    }

    private void write(ModelId model, ModelStatus status) {
        try {
            models.setStatus(model, status);
        } catch (RuntimeException e) {
            Log.warnf("cannot set the status of %s to %s: %s", model, status, e.getMessage());
        }
    }
}
