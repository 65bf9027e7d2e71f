package io.teatree.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.teatree.functions.InvalidFieldException;
import java.util.regex.Pattern;

/**
 * A goal model's id: a DNS label ({@code ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$}), because it becomes a pod
 * name, a NATS subject token, an S3 prefix and a directory name. Validated once here so that no unchecked
 * string reaches a path, subject or SQL statement.
 */
public record ModelId(String value) implements Comparable<ModelId> {

    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

    public ModelId {
        if (value == null || value.isEmpty()) {
            throw new InvalidFieldException("id", "model id must not be empty");
        }
        if (!DNS_LABEL.matcher(value).matches()) {
            throw new InvalidFieldException("id", "model id '" + abbreviate(value)
                    + "' is not a DNS label: 1 to 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit");
        }
    }

    @JsonCreator
    public static ModelId of(String value) {
        return new ModelId(value);
    }

    /** True when {@code value} is a valid model id. */
    public static boolean isValid(String value) {
        return value != null && DNS_LABEL.matcher(value).matches();
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(ModelId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 70 ? printable.substring(0, 70) + "..." : printable;
    }
}
