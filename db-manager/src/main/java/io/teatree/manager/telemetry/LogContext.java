package io.teatree.manager.telemetry;

import io.teatree.protocol.ModelId;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import org.jboss.logging.MDC;

/**
 * The MDC keys of the manager's log lines: {@code model} on every thread the manager runs (writer, lease
 * renewer, snapshot), {@code intentId} on the lines about one intent. The JSON format also carries the model
 * as a top-level field on every line (config {@code quarkus.log.console.json.additional-field.model}).
 */
public final class LogContext {

    public static final String MODEL = "model";
    public static final String INTENT_ID = "intentId";

    private LogContext() {
    }

    /** Puts the model into the calling thread's MDC. */
    public static void model(ModelId model) {
        MDC.put(MODEL, model.value());
    }

    /** A factory of threads named {@code name} whose log lines carry {@code model}. */
    public static ThreadFactory threads(String name, ModelId model, boolean daemon) {
        return task -> {
            Thread thread = new Thread(() -> {
                model(model);
                task.run();
            }, name);
            thread.setDaemon(daemon);
            return thread;
        };
    }

    /** Runs {@code log} (one or a few log statements) with {@code intentId} in the MDC. */
    public static void aboutIntent(UUID intentId, Runnable log) {
        MDC.put(INTENT_ID, intentId.toString());
        try {
            log.run();
        } finally {
            MDC.remove(INTENT_ID);
        }
    }
}
