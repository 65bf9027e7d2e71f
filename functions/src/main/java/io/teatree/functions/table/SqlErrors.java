package io.teatree.functions.table;

import io.teatree.functions.FunctionException;
import io.teatree.protocol.ProblemType;
import java.sql.SQLException;

/** Maps DuckDB errors to the problem kinds intents fail with. Stateless. */
public final class SqlErrors {

    private SqlErrors() {
    }

    /** A {@link FunctionException} for {@code e}, naming {@code field} (the table, column or argument). */
    public static FunctionException toFunctionException(SQLException e, String field) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String detail = message.lines().findFirst().orElse(message).trim();
        return new FunctionException(kind(detail), detail, field, e);
    }

    /** The kind of failure a DuckDB error message stands for; {@code bad-sql} when none is more specific. */
    public static ProblemType kind(String detail) {
        if (detail.startsWith("Constraint Error")) {
            return ProblemType.CONSTRAINT_VIOLATION;
        }
        if (detail.startsWith("Conversion Error") || detail.startsWith("Mismatch Type Error")
                || detail.startsWith("Invalid Input Error: Could not convert")) {
            return ProblemType.TYPE_MISMATCH;
        }
        if (detail.startsWith("Catalog Error") && detail.contains("Table with name")) {
            return ProblemType.UNKNOWN_TABLE;
        }
        if (detail.startsWith("Binder Error") && detail.contains("column")) {
            return ProblemType.UNKNOWN_COLUMN;
        }
        if (detail.startsWith("Permission Error") || detail.contains("configuration has been locked")) {
            return ProblemType.SANDBOX_VIOLATION;
        }
        return ProblemType.BAD_SQL;
    }
}
