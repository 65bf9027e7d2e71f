package io.teatree.api.problem;

import io.teatree.protocol.Problem;
import io.teatree.protocol.ProblemType;
import java.util.Map;

/** The API's kinds of problems, each with a stable {@code type} URI. */
public final class Problems {

    private Problems() {
    }

    public static ApiProblem invalidField(String field, String detail) {
        return new ApiProblem(Problem.of(ProblemType.INVALID_FIELD, detail, field));
    }

    public static ApiProblem malformedJson(String detail) {
        return new ApiProblem(Problem.of(ProblemType.MALFORMED_JSON, detail, null));
    }

    public static ApiProblem unknownField(String field) {
        return new ApiProblem(Problem.of(ProblemType.UNKNOWN_FIELD, "unknown field '" + field + "'", field));
    }

    public static ApiProblem notFound(String what, String field) {
        return new ApiProblem(Problem.of(ProblemType.NOT_FOUND, what, field));
    }

    public static ApiProblem conflict(String detail, String field) {
        return new ApiProblem(Problem.of(ProblemType.CONFLICT, detail, field));
    }

    public static ApiProblem tooLarge(long limit, String field) {
        return new ApiProblem(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "the body exceeds the limit of " + limit + " bytes", field));
    }

    public static ApiProblem tooLarge(String detail, String field) {
        return new ApiProblem(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, detail, field));
    }

    public static ApiProblem unsupportedMediaType(String detail, String field) {
        return new ApiProblem(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail, field));
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(Problem.of(ProblemType.UNAUTHORIZED, detail, "Authorization"),
                Map.of("WWW-Authenticate", "Bearer realm=\"teatree\""));
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(Problem.of(ProblemType.FORBIDDEN, detail, null));
    }

    /** The control database (Postgres) is unreachable; the client should retry later. */
    public static ApiProblem controlStoreUnavailable() {
        return unavailable("the control database is unreachable");
    }

    /** A dependency (NATS, Postgres, S3) is unreachable; the client should retry later. */
    public static ApiProblem unavailable(String detail) {
        return new ApiProblem(Problem.of(ProblemType.UNAVAILABLE, detail, null), Map.of("Retry-After", "2"));
    }

    /** No representation the endpoint can produce matches the request's {@code Accept}. */
    public static ApiProblem notAcceptable(String detail) {
        return new ApiProblem(Problem.of(ProblemType.NOT_ACCEPTABLE, detail, "Accept"));
    }

    /** A {@code Range} that is not one satisfiable byte range of a file of {@code size} bytes. */
    public static ApiProblem rangeNotSatisfiable(String detail, long size) {
        return new ApiProblem(Problem.of(ProblemType.RANGE_NOT_SATISFIABLE, detail, "Range"),
                Map.of("Content-Range", "bytes */" + size));
    }

    /** A query ran longer than its time limit and was cancelled. */
    public static ApiProblem queryTimeout(String detail) {
        return new ApiProblem(Problem.of(ProblemType.QUERY_TIMEOUT, detail, "sql"));
    }

    /** A query result holds a cell larger than the answer may carry; found before the answer started. */
    public static ApiProblem resultTooLarge(String detail) {
        return new ApiProblem(Problem.of(ProblemType.RESULT_TOO_LARGE, detail, "sql"));
    }

    /** A version file fetched from the object store does not match the SHA-256 of its manifest. */
    public static ApiProblem corruptVersion(String detail) {
        return new ApiProblem(Problem.of(ProblemType.CORRUPT_VERSION, detail, "version"));
    }
}
