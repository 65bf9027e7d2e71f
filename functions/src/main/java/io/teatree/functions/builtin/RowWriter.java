package io.teatree.functions.builtin;

import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.load.RowSource;
import io.teatree.functions.table.TableSchema;
import io.teatree.protocol.ProblemType;
import java.util.List;

/** Writes staged rows into a table with an {@code INSERT ... SELECT} from the Arrow view. */
final class RowWriter {

    private RowWriter() {
    }

    /** Inserts every staged row into {@code target}; returns the number inserted. */
    static long insert(FunctionContext context, RowSource rows, TableSchema target) throws FunctionException {
        if (rows.rowCount() == 0) {
            return 0;
        }
        requireColumns(rows);
        String columns = rows.columnList();
        return rows.into(context, List.of(), view -> ModelSql.update(context.connection(),
                "INSERT INTO " + target.name().sql() + " (" + columns + ") SELECT " + columns + " FROM " + view));
    }

    static void requireColumns(RowSource rows) throws FunctionException {
        if (rows.columns().isEmpty()) {
            throw new FunctionException(ProblemType.BAD_ARGS, "the rows give no column values", "rows");
        }
    }
}
