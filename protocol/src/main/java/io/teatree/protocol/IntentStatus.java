package io.teatree.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The life of an intent: queued, running, then succeeded or failed. */
public enum IntentStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED;
    }

    public static IntentStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
