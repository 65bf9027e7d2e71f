package io.teatree.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A model's status in {@code goal_model.status}, written by the dispatcher. */
public enum ModelStatus {
    /** The normal state: a manager runs while there is work, none otherwise. */
    IDLE,
    /** The model's manager keeps crashing; the dispatcher backs off before each restart. */
    CRASHLOOP;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
