package io.teatree.manager.apply;

import io.teatree.functions.FunctionException;
import io.teatree.protocol.InvalidFieldException;
import io.teatree.protocol.Problem;
import java.sql.SQLException;

/** Maps what a function threw to the one error shape recorded for a failed intent. */
final class Problems {

    private Problems() {
    }

    static Problem of(Throwable error) {
        if (error instanceof FunctionException fe) {
            return fe.problem();
        }
        if (error instanceof InvalidFieldException invalid) {
            return Problem.of("bad-args", "Invalid arguments", 400, invalid.getMessage(), invalid.field());
        }
        if (error instanceof SQLException sql) {
            return Problem.of("sql-error", "Intent failed in DuckDB", 422, clean(sql.getMessage()), null);
        }
        return Problem.of("function-error", "Function failed", 500,
                error.getClass().getSimpleName() + ": " + clean(String.valueOf(error.getMessage())), null);
    }

    /** Whether {@code error} is a known kind of intent failure (bad input, SQL), not a bug worth a stack trace. */
    static boolean expected(Throwable error) {
        return error instanceof FunctionException || error instanceof InvalidFieldException || error instanceof SQLException;
    }

    private static String clean(String message) {
        return message == null ? "" : message.strip();
    }
}
