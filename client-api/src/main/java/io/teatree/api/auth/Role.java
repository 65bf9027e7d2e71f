package io.teatree.api.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.teatree.functions.InvalidFieldException;
import java.util.Locale;

/** What a key may do: readers read and subscribe, writers also submit, admins also register models and manage keys. */
public enum Role {
    READER, WRITER, ADMIN;

    /** True when this role includes {@code required}. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new InvalidFieldException("role", "role must be one of reader, writer, admin");
    }
}
