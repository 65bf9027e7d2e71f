package io.teatree.api.query;

import java.sql.SQLException;

/** A cell of a query result is larger than {@code teatree.query.max-cell}; the answer cannot carry it. */
final class CellTooLargeException extends SQLException {

    CellTooLargeException(String column, long size, long limit) {
        super("column '" + column + "' has a value of " + size + " characters or bytes; an answer carries at most "
                + limit + " per cell (teatree.query.max-cell): select a prefix or the length instead");
    }
}
