package io.teatree.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.teatree.protocol.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/** Parses each query answer format into rows of text cells (null for NULL), so formats can be compared. */
public final class ResultParsers {

    private static final TypeReference<List<LinkedHashMap<String, Object>>> ROWS = new TypeReference<>() {
    };

    private ResultParsers() {
    }

    static List<List<String>> json(byte[] body) throws Exception {
        return Json.MAPPER.readValue(body, ROWS).stream().map(ResultParsers::cells).toList();
    }

    static List<List<String>> ndjson(byte[] body) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                rows.add(cells(Json.MAPPER.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {
                })));
            }
        }
        return rows;
    }

    /** RFC 4180 with a header line, which is dropped; an unquoted empty field is NULL. */
    public static List<List<String>> csv(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',' || ch == '\n') {
                row.add(field.isEmpty() && !wasQuoted ? null : field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (ch == '\n') {
                    rows.add(row);
                    row = new ArrayList<>();
                }
            } else if (ch != '\r') {
                field.append(ch);
            }
        }
        return rows.subList(1, rows.size());
    }

    /** The aligned table: header, rule, rows, then the row count line. */
    static List<List<String>> text(byte[] body) {
        List<String> lines = Arrays.asList(new String(body, StandardCharsets.UTF_8).split("\n"));
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(2, lines.size() - 1)) {
            rows.add(Arrays.stream(line.split(" \\| ", -1)).map(String::strip).map(c -> c.equals("NULL") ? null : c).toList());
        }
        return rows;
    }

    static List<List<String>> arrow(byte[] body) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (RootAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(body), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                for (int r = 0; r < root.getRowCount(); r++) {
                    List<String> row = new ArrayList<>();
                    for (FieldVector vector : root.getFieldVectors()) {
                        Object value = vector.getObject(r);
                        row.add(value == null ? null : value.toString());
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static List<String> cells(Map<String, Object> row) {
        List<String> cells = new ArrayList<>();
        row.values().forEach(v -> cells.add(v == null ? null : v.toString()));
        return cells;
    }
}
