package io.teatree.api.query;

import java.sql.SQLException;

/**
 * A cell of a query result is larger than {@code teatree.query.max-cell}, or nested deeper than
 * {@link Nesting#MAX_DEPTH}; the answer cannot carry it.
 */
final class CellTooLargeException extends SQLException {

    CellTooLargeException(String column, long size, long limit) {
        this("column '" + column + "' has a value of " + size + " characters or bytes; an answer carries at most "
                + limit + " per cell (teatree.query.max-cell): select a prefix or the length instead");
    }

    private CellTooLargeException(String message) {
        super(message);
    }

    /** The cell nests lists, structs or maps more than {@code limit} levels deep. */
    static CellTooLargeException tooDeep(String column, int limit) {
        return new CellTooLargeException("column '" + column + "' nests lists, structs or maps more than " + limit
                + " levels deep; an answer carries at most " + limit + ": select an inner part or cast it to VARCHAR");
    }
}
