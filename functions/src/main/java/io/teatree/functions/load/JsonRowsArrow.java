package io.teatree.functions.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.InvalidFieldException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Turns inline JSON rows ({@code [{"col": value, ...}, ...]}) into one Arrow batch with a text column per
 * key, in the order keys first appear. Scalars keep their exact text (numbers are not rounded through double),
 * nested values become JSON text; DuckDB casts them to the target types afterwards.
 */
final class JsonRowsArrow {

    /** The batch and, per column, the first row that had it (for error messages). */
    record Built(VectorSchemaRoot root, Map<String, Integer> firstRow) {
    }

    /** The name of the optional row number column (0, 1, ...), for ordering and de-duplication. */
    static final String ROW_INDEX = "_staged_row";

    private JsonRowsArrow() {
    }

    static Built build(JsonNode rows, String field, BufferAllocator allocator) {
        return build(rows, field, allocator, null);
    }

    /** Builds the batch; with {@code rowIndex} not null, adds a BIGINT column of that name numbering the rows. */
    static Built build(JsonNode rows, String field, BufferAllocator allocator, String rowIndex) {
        Map<String, VarCharVector> vectors = new LinkedHashMap<>();
        Map<String, Integer> firstRow = new LinkedHashMap<>();
        try {
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                if (!row.isObject()) {
                    throw new InvalidFieldException(field + "[" + i + "]", field + "[" + i + "] must be an object of column values");
                }
                Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> entry = fields.next();
                    String key = entry.getKey().toLowerCase(Locale.ROOT);
                    VarCharVector vector = vectors.get(key);
                    if (vector == null) {
                        vector = new VarCharVector(entry.getKey(), allocator);
                        vector.allocateNew();
                        vectors.put(key, vector);
                        firstRow.put(entry.getKey(), i);
                    }
                    String text = text(entry.getValue());
                    if (text != null) {
                        vector.setSafe(i, text.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (RuntimeException e) {
            vectors.values().forEach(VarCharVector::close);
            throw e;
        }
        List<FieldVector> list = new ArrayList<>(vectors.values());
        if (rowIndex != null) {
            BigIntVector index = new BigIntVector(rowIndex, allocator);
            index.allocateNew(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                index.set(i, i);
            }
            list.add(index);
        }
        list.forEach(v -> v.setValueCount(rows.size()));
        VectorSchemaRoot root = new VectorSchemaRoot(list);
        root.setRowCount(rows.size());
        return new Built(root, firstRow);
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isFloatingPointNumber()) {
            return value.isBigDecimal() ? value.decimalValue().toPlainString() : BigDecimal.valueOf(value.doubleValue()).toPlainString();
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        return value.toString();
    }
}
