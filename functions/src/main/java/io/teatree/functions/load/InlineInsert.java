package io.teatree.functions.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionException;
import io.teatree.functions.table.Identifiers;
import io.teatree.functions.table.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fastest path for the most common intent, "append a few rows": one bound multi-row {@code INSERT} per
 * chunk straight into the model table. No catalog lookup, no staging database, no per-row round trip; DuckDB
 * binds the names and casts each value to its column type. When it refuses (unknown table or column, a value
 * that does not fit, a constraint), the failure names the row and column DuckDB quoted. Stateless.
 */
public final class InlineInsert {

    /** Inline row sets up to this size take this path; larger ones are staged through Arrow. */
    public static final int MAX_ROWS = 1_000;
    private static final int MAX_ROWS_PER_STATEMENT = 20_000;

    private InlineInsert() {
    }

    /** True when {@code rows} is a small, non-empty JSON array of non-empty objects with plain column names. */
    public static boolean eligible(JsonNode rows) {
        if (rows == null || !rows.isArray() || rows.isEmpty() || rows.size() > MAX_ROWS) {
            return false;
        }
        for (JsonNode row : rows) {
            if (!row.isObject() || row.isEmpty()) {
                return false;
            }
            Iterator<String> names = row.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A key shared by inline row sets that one statement can insert together: the table and the set of
     * column names; null when {@code rows} is not {@link #eligible}.
     */
    public static Object groupKey(TableName table, JsonNode rows) {
        if (!eligible(rows)) {
            return null;
        }
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (String c : columns(rows)) {
            names.add(c.toLowerCase(Locale.ROOT));
        }
        for (JsonNode row : rows) {
            if (row.size() != names.size()) {
                return null; // a row without some column would get NULL where alone it would get the default
            }
        }
        return table.toString().toLowerCase(Locale.ROOT) + "|" + String.join(",", names);
    }

    /**
     * Inserts {@code rows} into {@code table} inside the caller's transaction; returns the row count. The rows
     * travel as ONE JSON parameter that DuckDB unnests ({@code from_json}) and casts to the column types, so the
     * statement is tiny whatever the row count (a large {@code VALUES} list costs more to parse than to insert).
     */
    public static long insert(Connection connection, TableName table, JsonNode rows) throws FunctionException {
        List<String> columns = columns(rows);
        String names = String.join(", ", columns.stream().map(Identifiers::quote).toList());
        String select = String.join(", ", columns.stream().map(c -> "r." + Identifiers.quote(c)).toList());
        com.fasterxml.jackson.databind.node.ObjectNode structure = io.teatree.protocol.Json.MAPPER.createObjectNode();
        columns.forEach(c -> structure.put(c, "VARCHAR"));
        String sql = "INSERT INTO " + table.sql() + " (" + names + ") SELECT " + select + " FROM (SELECT unnest(from_json(?::JSON, "
                + Identifiers.literal("[" + structure + "]") + ")) AS r)";
        long inserted = 0;
        for (int from = 0; from < rows.size(); from += MAX_ROWS_PER_STATEMENT) {
            int to = Math.min(rows.size(), from + MAX_ROWS_PER_STATEMENT);
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, canonical(rows, columns, from, to));
                inserted += ps.executeUpdate();
            } catch (SQLException e) {
                throw InlineErrors.describe(e, table, rows, columns, from, to);
            }
        }
        return inserted;
    }

    /** Rows [from, to) as a JSON array keyed by the canonical column names (JSON keys are matched exactly). */
    private static String canonical(JsonNode rows, List<String> columns, int from, int to) {
        com.fasterxml.jackson.databind.node.ArrayNode out = io.teatree.protocol.Json.MAPPER.createArrayNode();
        for (int r = from; r < to; r++) {
            com.fasterxml.jackson.databind.node.ObjectNode row = out.addObject();
            for (String column : columns) {
                JsonNode value = field(rows.get(r), column);
                row.set(column, value);
            }
        }
        return out.toString();
    }

    /** The column names any row gives, in first-seen order (names are case-insensitive, as in DuckDB). */
    private static List<String> columns(JsonNode rows) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            Iterator<String> names = row.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            }
        }
        return new ArrayList<>(seen.values());
    }

    private static JsonNode field(JsonNode row, String column) {
        JsonNode exact = row.get(column);
        if (exact != null) {
            return exact;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equalsIgnoreCase(column)) {
                return f.getValue();
            }
        }
        return null;
    }
}
