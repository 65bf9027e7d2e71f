package io.teatree.manager.apply;

import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.table.SqlErrors;
import io.teatree.protocol.Problem;
import io.teatree.protocol.ProblemType;
import java.sql.SQLException;

/** Maps what a function threw to the one error shape recorded for a failed intent. */
final class Problems {

    private Problems() {
    }

    static Problem of(Throwable error) {
        if (error instanceof FunctionException fe) {
            return Problem.of(fe.type(), fe.detail(), fe.field());
        }
        if (error instanceof InvalidFieldException invalid) {
            return Problem.of(ProblemType.BAD_ARGS, invalid.getMessage(), invalid.field());
        }
        if (error instanceof SQLException sql) {
            String detail = clean(sql.getMessage());
            return Problem.of(SqlErrors.kind(detail), detail, null);
        }
        return Problem.of(ProblemType.FUNCTION_ERROR, error.getClass().getSimpleName() + ": " + clean(String.valueOf(error.getMessage())), null);
    }

    /** Whether {@code error} is a known kind of intent failure (bad input, SQL), not a bug worth a stack trace. */
    static boolean expected(Throwable error) {
        return error instanceof FunctionException || error instanceof InvalidFieldException || error instanceof SQLException;
    }

    private static String clean(String message) {
        return message == null ? "" : message.strip();
    }
}
