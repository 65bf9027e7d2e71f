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

    /** No representation the endpoint can produce matches the request's {@code Accept}. */
    public static ApiProblem notAcceptable(String detail) {
        return new ApiProblem(Problem.of("not-acceptable", "Not acceptable", 406, detail, "Accept"));
    }

    /** A {@code Range} that is not one satisfiable byte range of a file of {@code size} bytes. */
    public static ApiProblem rangeNotSatisfiable(String detail, long size) {
        return new ApiProblem(Problem.of("range-not-satisfiable", "Range not satisfiable", 416, detail, "Range"),
                Map.of("Content-Range", "bytes */" + size));
    }

    /** A query ran longer than its time limit and was cancelled. */
    public static ApiProblem queryTimeout(String detail) {
        return new ApiProblem(Problem.of("query-timeout", "Query timeout", 400, detail, "sql"));
    }

    /** A version file fetched from the object store does not match the SHA-256 of its manifest. */
    public static ApiProblem corruptVersion(String detail) {
        return new ApiProblem(Problem.of("corrupt-version", "Corrupt version file", 502, detail, "version"));
    }
}
