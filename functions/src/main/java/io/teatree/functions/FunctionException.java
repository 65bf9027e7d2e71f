package io.teatree.functions;

import io.teatree.protocol.Problem;

/**
 * An intent that cannot be applied: unknown table, type mismatch, constraint, bad SQL. Carries the problem
 * recorded in the ledger, the control tables and the {@code intent.failed} event.
 */
public class FunctionException extends Exception {

    private final Problem problem;

    public FunctionException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public FunctionException(Problem problem, Throwable cause) {
        super(problem.detail(), cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** A failure of kind {@code slug} naming the offending table, column or field. */
    public static FunctionException of(String slug, String detail, String field) {
        return new FunctionException(Problem.of(slug, "Intent failed", 422, detail, field));
    }
}
