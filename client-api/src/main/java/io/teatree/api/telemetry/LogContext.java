package io.teatree.api.telemetry;

import org.jboss.logging.MDC;

/**
 * The MDC keys every log line about a model or an intent carries ({@code model}, {@code intentId}); plain
 * console lines print them and JSON lines carry them in {@code mdc}. In request handling the MDC follows the
 * request (Quarkus keeps it on the request's Vert.x context), elsewhere it is thread-local.
 */
public final class LogContext {

    public static final String MODEL = "model";
    public static final String INTENT_ID = "intentId";

    private LogContext() {
    }

    /** An MDC entry that restores what was there before when closed. */
    @FunctionalInterface
    public interface Entry extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Puts {@code key=value} in the MDC for the rest of the current REST request; {@link RequestLogContext} takes
     * it out when the response is written. Call on a thread handling the request.
     */
    public static void forRequest(String key, String value) {
        MDC.put(key, value);
    }

    /** Puts {@code key=value} in the MDC until the entry is closed. */
    public static Entry put(String key, String value) {
        Object previous = MDC.get(key);
        MDC.put(key, value);
        return () -> {
            if (previous == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, previous);
            }
        };
    }
}
