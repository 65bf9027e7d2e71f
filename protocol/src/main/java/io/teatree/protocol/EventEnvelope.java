package io.teatree.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.InvalidFieldException;
import java.time.Instant;
import java.util.UUID;

/**
 * One event on {@code teatree.event.<model>} (docs/design.md, names on the wire).
 *
 * @param model    the model
 * @param seq      the event's sequence in {@code TEATREE_EVENTS}; null when published, filled in by readers
 * @param type     what happened
 * @param intentId the intent concerned, if any
 * @param version  the model version concerned, if any
 * @param status   the intent status, for intent events
 * @param error    a problem object for failures
 * @param data     further type-specific data (a result, a manifest, a page of rows)
 * @param at       when it happened
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(ModelId model, Long seq, EventType type, UUID intentId, Long version, String status,
                            JsonNode error, JsonNode data, Instant at) {

    public EventEnvelope {
        InvalidFieldException.require(model, "model");
        InvalidFieldException.require(type, "type");
        InvalidFieldException.require(at, "at");
    }

    /** This event as read from the stream at {@code sequence}. */
    public EventEnvelope withSeq(long sequence) {
        return new EventEnvelope(model, sequence, type, intentId, version, status, error, data, at);
    }

    /** A manager or snapshot event with no intent. */
    public static EventEnvelope of(ModelId model, EventType type, Long version, JsonNode data) {
        return new EventEnvelope(model, null, type, null, version, null, null, data, Instant.now());
    }
}
