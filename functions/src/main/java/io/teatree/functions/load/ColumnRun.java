package io.teatree.functions.load;

import io.teatree.functions.table.Column;
import java.util.List;

/**
 * Consecutive rows {@code [from, to)} of a {@link RowSource} that give values for the same columns. A row that
 * leaves a column out is in a run without that column, so a statement built for the run does not touch it.
 *
 * @param from    the first row (0-based, in the rows' order)
 * @param to      one past the last row
 * @param columns the target's columns the rows of the run give, in the source's column order
 */
public record ColumnRun(long from, long to, List<Column> columns) {

    public ColumnRun {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad run [" + from + ", " + to + ")");
        }
        columns = List.copyOf(columns);
    }

    /** The quoted column list, e.g. {@code "id", "amount"}. */
    public String columnList() {
        return String.join(", ", columns.stream().map(c -> io.teatree.functions.table.Identifiers.quote(c.name())).toList());
    }
}
