package io.teatree.api.query;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows as an aligned text table for people: a header, a rule, one line per row ({@code NULL} for nulls) and a
 * row count. The widths need every row first, so the rows (at most {@code maxRows}) are held until written.
 */
final class TextTableWriter implements ResultWriter {

    @Override
    public long write(RunningQuery query, long maxRows, OutputStream out) throws IOException, SQLException {
        ResultSet rows = query.rows();
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        String[] header = new String[columns];
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            header[c] = meta.getColumnLabel(c + 1);
            widths[c] = header[c].length();
        }
        List<String[]> lines = new ArrayList<>();
        while (lines.size() < maxRows && query.next()) {
            String[] line = new String[columns];
            for (int c = 0; c < columns; c++) {
                String text = (String) query.cell(c + 1);
                line[c] = text == null ? "NULL" : text.replace('\n', ' ').replace('\r', ' ');
                widths[c] = Math.max(widths[c], line[c].length());
            }
            lines.add(line);
        }
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        line(text, header, widths);
        for (int c = 0; c < columns; c++) {
            text.write((c > 0 ? "-+-" : "") + "-".repeat(widths[c]));
        }
        text.write('\n');
        for (String[] line : lines) {
            line(text, line, widths);
        }
        text.write("(" + lines.size() + (lines.size() == 1 ? " row)\n" : " rows)\n"));
        text.flush();
        return lines.size();
    }

    private static void line(Writer text, String[] cells, int[] widths) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            sb.append(c > 0 ? " | " : "").append(cells[c]).append(" ".repeat(widths[c] - cells[c].length()));
        }
        text.write(sb.toString().stripTrailing());
        text.write('\n');
    }
}
