package io.teatree.api.query;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** Rows as RFC 4180 CSV with a header line; NULL is an empty field, text is quoted when it needs to be. */
final class CsvWriter implements ResultWriter {

    @Override
    public long write(RunningQuery query, long maxRows, OutputStream out) throws IOException, SQLException {
        ResultSet rows = query.rows();
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        for (int c = 1; c <= columns; c++) {
            field(csv, meta.getColumnLabel(c), c);
        }
        csv.write("\r\n");
        long written = 0;
        while (written < maxRows && query.next()) {
            for (int c = 1; c <= columns; c++) {
                field(csv, (String) query.cell(c), c);
            }
            csv.write("\r\n");
            written++;
        }
        csv.flush();
        return written;
    }

    private static void field(Writer csv, String value, int column) throws IOException {
        if (column > 1) {
            csv.write(',');
        }
        if (value == null) {
            return;
        }
        boolean quote = value.isEmpty() || value.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r');
        if (quote) {
            csv.write('"');
            csv.write(value.replace("\"", "\"\""));
            csv.write('"');
        } else {
            csv.write(value);
        }
    }
}
