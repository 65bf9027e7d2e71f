package io.teatree.api.query;

import com.fasterxml.jackson.core.JsonGenerator;
import io.teatree.protocol.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Struct;
import java.util.Map;

/**
 * A STRUCT, LIST, ARRAY or MAP from DuckDB's JDBC driver as JSON: a struct is an object with its fields in order,
 * a list or array is an array, a map is an object when all its keys are text (an empty map is {@code {}}) and
 * otherwise an array of {@code {"key": …, "value": …}} objects. Elements follow the rules of top-level cells
 * ({@link Cells#scalar}). Values nested deeper than {@link Nesting#MAX_DEPTH} are refused. Stateless.
 */
final class NestedJson {

    private NestedJson() {
    }

    static String write(Object value) throws SQLException {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
            write(json, value, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator json, Object value, int depth) throws IOException, SQLException {
        switch (value) {
            case Struct struct -> {
                Nesting.check(depth);
                json.writeStartObject();
                for (Map.Entry<String, Object> field : Nesting.fields(struct).entrySet()) {
                    json.writeFieldName(field.getKey());
                    write(json, field.getValue(), depth + 1);
                }
                json.writeEndObject();
            }
            case Array array -> {
                Nesting.check(depth);
                json.writeStartArray();
                for (Object element : (Object[]) array.getArray()) {
                    write(json, element, depth + 1);
                }
                json.writeEndArray();
            }
            case Map<?, ?> map -> {
                Nesting.check(depth);
                if (map.keySet().stream().allMatch(String.class::isInstance)) {
                    json.writeStartObject();
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        json.writeFieldName((String) entry.getKey());
                        write(json, entry.getValue(), depth + 1);
                    }
                    json.writeEndObject();
                } else {
                    json.writeStartArray();
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        json.writeStartObject();
                        json.writeFieldName("key");
                        write(json, entry.getKey(), depth + 1);
                        json.writeFieldName("value");
                        write(json, entry.getValue(), depth + 1);
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
            }
            case null, default -> json.writeObject(Cells.scalar(value));
        }
    }
}
