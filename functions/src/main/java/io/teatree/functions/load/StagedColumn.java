package io.teatree.functions.load;

import io.teatree.functions.table.Column;

/**
 * A column of the staged rows matched to the target table's column.
 *
 * @param target      the table's column
 * @param source      the column's name in the staged rows
 * @param stagingType the type the rows are cast to before they leave the staging database: the target's type,
 *                    or {@code VARCHAR} for a type only the model knows (an enum of its own)
 */
public record StagedColumn(Column target, String source, String stagingType) {
}
