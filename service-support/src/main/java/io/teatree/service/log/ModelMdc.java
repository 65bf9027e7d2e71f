package io.teatree.service.log;

import io.teatree.protocol.ModelId;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import org.jboss.logging.MDC;

/**
 * The log context of every line about a model or an intent: the MDC keys {@code model} and {@code intentId},
 * which plain console lines print and JSON lines carry in {@code mdc}. An instance puts them until
 * {@link #close()}, which restores what was there before; use it as a try-with-resources on one thread. In
 * REST request handling the MDC follows the request (Quarkus keeps it on the request's Vert.x context),
 * elsewhere it is thread-local.
 */
public final class ModelMdc implements AutoCloseable {

    /** MDC key of the model id. */
    public static final String MODEL = "model";
    /** MDC key of the intent id. */
    public static final String INTENT_ID = "intentId";

    private final Object previousModel;
    private final Object previousIntent;

    private ModelMdc(String model, String intentId) {
        previousModel = MDC.get(MODEL);
        previousIntent = MDC.get(INTENT_ID);
        if (model != null) {
            MDC.put(MODEL, model);
        }
        if (intentId != null) {
            MDC.put(INTENT_ID, intentId);
        } else {
            MDC.remove(INTENT_ID);
        }
    }

    /** Lines about {@code model}. */
    public static ModelMdc of(ModelId model) {
        return new ModelMdc(model.value(), null);
    }

    /** Lines about {@code model} and one of its intents; {@code intentId} may be null. */
    public static ModelMdc of(ModelId model, String intentId) {
        return new ModelMdc(model.value(), intentId);
    }

    /** Lines about one intent (of the model already in the context, if any). */
    public static ModelMdc intent(UUID intentId) {
        return new ModelMdc(null, intentId.toString());
    }

    /** Puts the model into the calling thread's MDC for the rest of its life (a thread that serves one model). */
    public static void forThread(ModelId model) {
        MDC.put(MODEL, model.value());
    }

    /** A factory of threads named {@code name} whose log lines carry {@code model}. */
    public static ThreadFactory threads(String name, ModelId model, boolean daemon) {
        return task -> {
            Thread thread = new Thread(() -> {
                forThread(model);
                task.run();
            }, name);
            thread.setDaemon(daemon);
            return thread;
        };
    }

    /**
     * Puts well-formed ids of the current request into the MDC (null or malformed ones are skipped, so a path
     * cannot forge log content); {@link #clearRequest()} takes them out when the response is written.
     */
    public static void forRequest(String model, String intentId) {
        if (model != null && ModelId.isValid(model)) {
            MDC.put(MODEL, model);
        }
        if (intentId != null && isUuid(intentId)) {
            MDC.put(INTENT_ID, intentId);
        }
    }

    /** Takes the request's ids out of the MDC. */
    public static void clearRequest() {
        MDC.remove(MODEL);
        MDC.remove(INTENT_ID);
    }

    @Override
    public void close() {
        restore(MODEL, previousModel);
        restore(INTENT_ID, previousIntent);
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
