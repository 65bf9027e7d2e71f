package io.teatree.api.models;

import io.teatree.functions.InvalidFieldException;
import java.util.Locale;

/** The pod classes a model can be registered with (sizes belong to the dispatcher's configuration). */
public enum PodClass {
    SMALL, MEDIUM, LARGE, XLARGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a pod class; null or empty means {@code small}. */
    public static PodClass parse(String value) {
        if (value == null || value.isBlank()) {
            return SMALL;
        }
        for (PodClass pc : values()) {
            if (pc.wireName().equals(value)) {
                return pc;
            }
        }
        throw new InvalidFieldException("podClass", "podClass must be one of small, medium, large, xlarge");
    }
}
