package io.teatree.api.query;

import com.fasterxml.jackson.core.JsonGenerator;
import io.teatree.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** Rows as JSON objects keyed by column label: one JSON array ({@code application/json}) or one object per line (NDJSON). */
final class JsonRowsWriter implements ResultWriter {

    private final boolean lines;

    JsonRowsWriter(boolean lines) {
        this.lines = lines;
    }

    @Override
    public long write(RunningQuery query, long maxRows, OutputStream out) throws IOException, SQLException {
        ResultSet rows = query.rows();
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        long written = 0;
        try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            // a failure half way must not look like a complete array
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            json.setRootValueSeparator(null);
            if (!lines) {
                json.writeStartArray();
            }
            while (written < maxRows && query.next()) {
                json.writeStartObject();
                for (int c = 1; c <= columns; c++) {
                    json.writeFieldName(meta.getColumnLabel(c));
                    Object cell = query.cell(c);
                    if (cell instanceof Cells.RawJson nested) {
                        json.writeRawValue(nested.json());
                    } else {
                        json.writeObject(cell);
                    }
                }
                json.writeEndObject();
                if (lines) {
                    json.writeRaw('\n');
                }
                written++;
            }
            if (!lines) {
                json.writeEndArray();
            }
        }
        return written;
    }
}
