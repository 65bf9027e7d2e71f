package io.teatree.functions.table;

import io.teatree.functions.FunctionException;
import java.sql.SQLException;

/** Maps DuckDB errors to the problem kinds intents fail with. Stateless. */
public final class SqlErrors {

    private SqlErrors() {
    }

    /** A {@link FunctionException} for {@code e}, naming {@code field} (the table, column or argument). */
    public static FunctionException toFunctionException(SQLException e, String field) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String detail = message.lines().findFirst().orElse(message).trim();
        return new FunctionException(io.teatree.protocol.Problem.of(slug(detail), "Intent failed", 422, detail, field), e);
    }

    static String slug(String detail) {
        if (detail.startsWith("Constraint Error")) {
            return "constraint-violation";
        }
        if (detail.startsWith("Conversion Error") || detail.startsWith("Mismatch Type Error")
                || detail.startsWith("Invalid Input Error: Could not convert")) {
            return "type-mismatch";
        }
        if (detail.startsWith("Catalog Error") && detail.contains("Table with name")) {
            return "unknown-table";
        }
        if (detail.startsWith("Binder Error") && detail.contains("column")) {
            return "unknown-column";
        }
        if (detail.startsWith("Permission Error") || detail.contains("configuration has been locked")) {
            return "sandbox-violation";
        }
        return "bad-sql";
    }
}
