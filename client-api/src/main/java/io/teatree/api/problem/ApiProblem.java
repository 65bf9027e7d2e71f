package io.teatree.api.problem;

import io.teatree.protocol.Problem;
import java.util.Map;

/**
 * A request failure that becomes an {@code application/problem+json} response; thrown by resources and
 * services for expected failures (bad input, missing things, unavailable dependencies). Carries no stack trace.
 */
public final class ApiProblem extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ApiProblem(Problem problem) {
        this(problem, Map.of());
    }

    public ApiProblem(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    /** Extra response headers, e.g. {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }
}
