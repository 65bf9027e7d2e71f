package io.teatree.protocol;

import io.teatree.functions.ErrorType;
import java.util.EnumSet;
import java.util.Set;

/**
 * The problem catalogue: every standard kind of failure, HTTP answers and intent failures alike, each with one
 * slug, one status and one title. Functions add their own kinds through
 * {@link io.teatree.functions.TeatreeFunction#errorTypes()}; {@link ProblemCatalogue} holds both. docs/api.md
 * lists this table (a test keeps the two equal).
 */
public enum ProblemType implements ErrorType {
    // requests
    MALFORMED_JSON("malformed-json", 400, "Malformed JSON"),
    UNKNOWN_FIELD("unknown-field", 400, "Unknown field"),
    INVALID_FIELD("invalid-field", 400, "Invalid field"),
    BAD_REQUEST("bad-request", 400, "Bad request"),
    QUERY_TIMEOUT("query-timeout", 400, "Query timeout"),
    UNAUTHORIZED("unauthorized", 401, "Unauthorized"),
    FORBIDDEN("forbidden", 403, "Forbidden"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    CONFLICT("conflict", 409, "Conflict"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", 416, "Range not satisfiable"),
    RESULT_TOO_LARGE("result-too-large", 422, "Result too large"),
    INTERNAL("internal", 500, "Internal error"),
    CORRUPT_VERSION("corrupt-version", 502, "Corrupt version file"),
    UNAVAILABLE("unavailable", 503, "Service unavailable"),
    // intent failures
    UNDECODABLE_INTENT("undecodable-intent", 400, "Undecodable intent"),
    WRONG_MODEL("wrong-model", 400, "Intent for another model"),
    BAD_ARGS("bad-args", 422, "Invalid arguments"),
    UNKNOWN_TABLE("unknown-table", 422, "Unknown table"),
    UNKNOWN_COLUMN("unknown-column", 422, "Unknown column"),
    TYPE_MISMATCH("type-mismatch", 422, "Type mismatch"),
    CONSTRAINT_VIOLATION("constraint-violation", 422, "Constraint violation"),
    TABLE_EXISTS("table-exists", 422, "Table exists"),
    BAD_PAYLOAD("bad-payload", 422, "Bad payload"),
    PAYLOAD_MISSING("payload-missing", 422, "Payload missing"),
    BAD_SQL("bad-sql", 422, "SQL failed"),
    SANDBOX_VIOLATION("sandbox-violation", 422, "Sandbox violation"),
    POISON_INTENT("poison-intent", 422, "Poison intent"),
    NO_BASIS("no-basis", 422, "No allocation basis"),
    FUNCTION_ERROR("function-error", 500, "Function failed");

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    @Override
    public String slug() {
        return slug;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }

    /** The kinds that stand for an HTTP status as such, for answers a framework makes (e.g. a 405). */
    private static final Set<ProblemType> GENERIC = EnumSet.of(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND,
            METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, CONFLICT, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
            RANGE_NOT_SATISFIABLE, INTERNAL, UNAVAILABLE);

    /** The generic kind of an HTTP error status: {@code bad-request} or {@code internal} when none fits. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : GENERIC) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
