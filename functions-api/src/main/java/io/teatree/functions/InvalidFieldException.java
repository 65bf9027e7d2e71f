package io.teatree.functions;

/**
 * Input that breaks a contract, naming the offending field as the client spelled it (e.g. {@code rows[3].amount}).
 * Thrown by {@link TeatreeFunction#parseArgs} and by every parser of wire values; the client API answers it
 * with 400 {@code invalid-field}.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The name of the offending field, as the client spelled it. */
    public String field() {
        return field;
    }

    /** Throws naming {@code field} when {@code value} is null; returns it otherwise. */
    public static <T> T require(T value, String field) {
        if (value == null) {
            throw new InvalidFieldException(field, "missing required field '" + field + "'");
        }
        return value;
    }
}
