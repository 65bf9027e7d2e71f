package io.teatree.api.telemetry;

import io.opentelemetry.api.trace.Span;
import io.teatree.protocol.telemetry.TraceAttributes;
import java.util.UUID;

/**
 * Attributes of the current {@code api.submit} span (see {@link SubmitTelemetry}); no-ops when no span is
 * recording. Call on the thread running the submission.
 */
public final class SubmitSpan {

    private SubmitSpan() {
    }

    /** The function asked for, as named by the client (set before it is checked). */
    public static void function(String function) {
        if (function != null) {
            Span.current().setAttribute(TraceAttributes.FUNCTION, function);
        }
    }

    /** The intent's id, once it is known. */
    public static void intent(UUID id) {
        Span.current().setAttribute(TraceAttributes.INTENT_ID, id.toString());
    }
}
