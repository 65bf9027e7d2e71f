package io.teatree.dispatcher.telemetry;

import io.teatree.protocol.ModelId;
import org.jboss.logging.MDC;

/**
 * Puts the model id (and the intent id, when there is one) in the logging MDC as {@code model} and
 * {@code intentId} for the lines logged until {@link #close()}, which restores what was there before. The
 * plain log format prints both; JSON logs carry them in {@code mdc}. Thread-confined: open and close on the
 * same thread, as a try-with-resources.
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
        MDC.put(MODEL, model);
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
}
