package io.teatree.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.teatree.functions.InvalidFieldException;

/**
 * The types of events on {@code teatree.event.<model>} (docs/design.md, names on the wire). {@code intent.accepted}
 * is reserved for the intent-lifecycle work (issue #21) and not published yet.
 */
public enum EventType {
    INTENT_ACCEPTED("intent.accepted"),
    INTENT_RUNNING("intent.running"),
    INTENT_SUCCEEDED("intent.succeeded"),
    INTENT_FAILED("intent.failed"),
    SNAPSHOT_READY("snapshot.ready"),
    MANAGER_STARTED("manager.started"),
    MANAGER_STOPPED("manager.stopped");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static EventType fromWire(String name) {
        for (EventType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new InvalidFieldException("type", "unknown event type '" + name + "'");
    }
}
