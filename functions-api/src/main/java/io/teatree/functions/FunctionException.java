package io.teatree.functions;

import java.util.Objects;

/**
 * An intent that cannot be applied: unknown table, type mismatch, constraint, bad SQL. The caller rolls the
 * batch back and records the intent failed with this kind, detail and field (in the model's ledger, the
 * control tables and the {@code intent.failed} event).
 */
public class FunctionException extends Exception {

    private final transient ErrorType type;
    private final String field;

    /**
     * @param type   the kind of failure (a standard one, or one the function declares in {@link TeatreeFunction#errorTypes()})
     * @param detail what went wrong in this case, for a person
     * @param field  the offending table, column or argument, or null
     */
    public FunctionException(ErrorType type, String detail, String field) {
        this(type, detail, field, null);
    }

    public FunctionException(ErrorType type, String detail, String field, Throwable cause) {
        super(detail, cause);
        this.type = Objects.requireNonNull(type, "type");
        this.field = field;
    }

    public ErrorType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    /** The offending table, column or argument, or null. */
    public String field() {
        return field;
    }
}
