package io.teatree.functions.table;

import io.teatree.functions.FunctionException;
import io.teatree.protocol.ProblemType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns and unique keys of one model table, read from DuckDB's catalog. Lookups never raise a SQL error
 * on the model connection (an error would abort the open transaction): a missing table is an empty result.
 *
 * @param name    the table, with the stored spelling
 * @param columns in table order
 */
public record TableSchema(TableName name, List<Column> columns) {

    /** Reads the schema of {@code table}, or empty when it does not exist. */
    public static Optional<TableSchema> find(Connection connection, TableName table) throws SQLException {
        record Found(TableName table, Column column) {
        }
        String sql = "SELECT schema_name, table_name, column_name, data_type, is_nullable, column_default IS NOT NULL"
                + " FROM duckdb_columns() WHERE database_name = current_database() AND " + schemaIs(table)
                + " AND lower(table_name) = lower(?) ORDER BY column_index";
        List<Found> found = query(connection, table, sql,
                rs -> new Found(new TableName(table.schema() == null ? null : rs.getString(1), rs.getString(2)),
                        new Column(rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getBoolean(6))));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TableSchema(found.getFirst().table(), found.stream().map(Found::column).toList()));
    }

    /** Reads the schema of {@code table}, failing with {@code unknown-table} naming {@code field}. */
    public static TableSchema require(Connection connection, TableName table, String field) throws FunctionException {
        try {
            return find(connection, table).orElseThrow(() ->
                    new FunctionException(ProblemType.UNKNOWN_TABLE, "table '" + table + "' does not exist", field));
        } catch (SQLException e) {
            throw SqlErrors.toFunctionException(e, field);
        }
    }

    /** The column called {@code name} (case-insensitive), if any. */
    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The column called {@code name}, failing with {@code unknown-column} naming {@code field}. */
    public Column requireColumn(String name, String field) throws FunctionException {
        return column(name).orElseThrow(() -> new FunctionException(ProblemType.UNKNOWN_COLUMN,
                "table '" + this.name + "' has no column '" + name + "'", field));
    }

    /** True when {@code key} (case-insensitive, any order) is the primary key or a unique constraint. */
    public boolean isUniqueKey(Connection connection, List<String> key) throws SQLException {
        List<String> wanted = key.stream().map(k -> k.toLowerCase(Locale.ROOT)).sorted().toList();
        return uniqueKeys(connection, name).stream()
                .anyMatch(u -> u.stream().map(k -> k.toLowerCase(Locale.ROOT)).sorted().toList().equals(wanted));
    }

    /** The primary key and unique constraints, each a list of column names. */
    private static List<List<String>> uniqueKeys(Connection connection, TableName table) throws SQLException {
        String sql = "SELECT constraint_column_names FROM duckdb_constraints() WHERE database_name = current_database()"
                + " AND " + schemaIs(table) + " AND table_name = ? AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')";
        return query(connection, table, sql, rs -> Arrays.stream((Object[]) rs.getArray(1).getArray()).map(String::valueOf).toList());
    }

    /** The catalog condition on {@code schema_name}: the table's schema when it names one, else the current schema. */
    private static String schemaIs(TableName table) {
        return "lower(schema_name) = lower(" + (table.schema() == null ? "current_schema()" : "?") + ")";
    }

    /**
     * Runs a catalog query about {@code table} whose parameters are the table's schema (only when it names one)
     * and then its name; returns each row read by {@code row}.
     */
    private static <T> List<T> query(Connection connection, TableName table, String sql, CatalogRow<T> row) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            if (table.schema() != null) {
                ps.setString(i++, table.schema());
            }
            ps.setString(i, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
        }
        return List.copyOf(rows);
    }

    /** Reads one row of a catalog query. */
    @FunctionalInterface
    private interface CatalogRow<T> {
        T read(ResultSet rs) throws SQLException;
    }
}
