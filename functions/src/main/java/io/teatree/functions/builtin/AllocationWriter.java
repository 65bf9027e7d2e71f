package io.teatree.functions.builtin;

import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.load.ArrowBridge;
import io.teatree.functions.load.RootReader;
import io.teatree.functions.table.Identifiers;
import io.teatree.functions.table.SqlErrors;
import io.teatree.functions.table.TableName;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.duckdb.DuckDBConnection;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Writes an allocation table from Tablesaw to the model through one Arrow batch. */
final class AllocationWriter {

    private AllocationWriter() {
    }

    static long write(FunctionContext context, Table allocation, TableName target, List<String> dimensions, String amountColumn,
                      int decimals) throws FunctionException {
        List<String> columns = new ArrayList<>();
        List<String> select = new ArrayList<>();
        for (String d : dimensions) {
            columns.add(Identifiers.quote(d) + " VARCHAR");
            select.add(Identifiers.quote(d));
        }
        columns.add("basis DOUBLE");
        columns.add("share DOUBLE");
        columns.add(Identifiers.quote(amountColumn) + " DECIMAL(38," + decimals + ")");
        select.add("basis");
        select.add("share");
        select.add("CAST(" + Identifiers.quote(amountColumn) + " AS DECIMAL(38," + decimals + "))");
        ModelSql.update(context.connection(), "CREATE OR REPLACE TABLE " + target.sql() + " (" + String.join(", ", columns) + ")", "target");
        BufferAllocator allocator = context.allocator();
        try {
            DuckDBConnection model = context.connection().unwrap(DuckDBConnection.class);
            VectorSchemaRoot root = toArrow(allocation, allocator);
            return ArrowBridge.withView(new RootReader(allocator, root), model, allocator, view -> ModelSql.update(context.connection(),
                    "INSERT INTO " + target.sql() + " SELECT " + String.join(", ", select) + " FROM " + view));
        } catch (SQLException e) {
            throw SqlErrors.toFunctionException(e, "target");
        }
    }

    private static VectorSchemaRoot toArrow(Table table, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        int rows = table.rowCount();
        for (var column : table.columns()) {
            if (column instanceof DoubleColumn doubles) {
                Float8Vector v = new Float8Vector(column.name(), allocator);
                v.allocateNew(rows);
                for (int i = 0; i < rows; i++) {
                    v.set(i, doubles.getDouble(i));
                }
                vectors.add(v);
            } else {
                StringColumn strings = (StringColumn) column;
                VarCharVector v = new VarCharVector(column.name(), allocator);
                v.allocateNew(rows);
                for (int i = 0; i < rows; i++) {
                    v.setSafe(i, strings.get(i).getBytes(StandardCharsets.UTF_8));
                }
                vectors.add(v);
            }
        }
        vectors.forEach(v -> v.setValueCount(rows));
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(rows);
        return root;
    }
}
