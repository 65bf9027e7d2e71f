package io.teatree.api.problem;

import io.teatree.protocol.Problem;
import java.util.Map;

/** The API's kinds of problems, each with a stable {@code type} URI. */
public final class Problems {

    private Problems() {
    }

    public static ApiProblem invalidField(String field, String detail) {
        return new ApiProblem(Problem.of("invalid-field", "Invalid field", 400, detail, field));
    }

    public static ApiProblem malformedJson(String detail) {
        return new ApiProblem(Problem.of("malformed-json", "Malformed JSON", 400, detail, null));
    }

    public static ApiProblem unknownField(String field) {
        return new ApiProblem(Problem.of("unknown-field", "Unknown field", 400, "unknown field '" + field + "'", field));
    }

    public static ApiProblem notFound(String what, String field) {
        return new ApiProblem(Problem.of("not-found", "Not found", 404, what, field));
    }

    public static ApiProblem conflict(String detail, String field) {
        return new ApiProblem(Problem.of("conflict", "Conflict", 409, detail, field));
    }

    public static ApiProblem tooLarge(long limit, String field) {
        return new ApiProblem(Problem.of("payload-too-large", "Payload too large", 413,
                "the body exceeds the limit of " + limit + " bytes", field));
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(Problem.of("unauthorized", "Unauthorized", 401, detail, "Authorization"),
                Map.of("WWW-Authenticate", "Bearer realm=\"teatree\""));
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(Problem.of("forbidden", "Forbidden", 403, detail, null));
    }

    /** A dependency (NATS, Postgres, S3) is unreachable; the client should retry later. */
    public static ApiProblem unavailable(String detail) {
        return new ApiProblem(Problem.of("unavailable", "Service unavailable", 503, detail, null), Map.of("Retry-After", "2"));
    }
}
