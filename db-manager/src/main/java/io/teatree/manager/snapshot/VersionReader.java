package io.teatree.manager.snapshot;

import io.teatree.protocol.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Opens a copied version file READ_ONLY in its own DuckDB instance, checks that it is the version it should
 * be, lists its tables and writes one zstd Parquet file per table. Used on the snapshot thread only.
 */
final class VersionReader implements AutoCloseable {

    /** A user table of the version. */
    record TableInfo(String schema, String name, long rows, List<Manifest.Column> columns) {
        String qualified() {
            return "\"" + schema.replace("\"", "\"\"") + "\".\"" + name.replace("\"", "\"\"") + "\"";
        }

        /** The name in the manifest and S3: {@code table}, or {@code schema.table} outside {@code main}. */
        String published() {
            return "main".equals(schema) ? name : schema + "." + name;
        }
    }

    private final Connection connection;

    VersionReader(Path file) throws SQLException {
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        props.setProperty("autoinstall_known_extensions", "false");
        props.setProperty("autoload_known_extensions", "false");
        this.connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), props);
    }

    long version() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT value FROM _teatree.meta WHERE key = 'version'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String storageVersion() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT tags['storage_version'] FROM duckdb_databases() WHERE database_name = current_database()")) {
            if (rs.next() && rs.getString(1) != null) {
                return rs.getString(1);
            }
        } catch (SQLException e) {
            // older catalogs have no tags; fall back to the setting below
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('storage_compatibility_version')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    List<TableInfo> tables() throws SQLException {
        List<TableInfo> tables = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database()"
                     + " AND schema_name <> '_teatree' AND NOT internal ORDER BY schema_name, table_name")) {
            while (rs.next()) {
                tables.add(new TableInfo(rs.getString(1), rs.getString(2), 0, List.of()));
            }
        }
        List<TableInfo> described = new ArrayList<>();
        for (TableInfo t : tables) {
            described.add(new TableInfo(t.schema(), t.name(), count(t), columns(t)));
        }
        return described;
    }

    private long count(TableInfo t) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t.qualified())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<Manifest.Column> columns(TableInfo t) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT column_name, data_type FROM duckdb_columns()"
                + " WHERE database_name = current_database() AND schema_name = ? AND table_name = ? ORDER BY column_index")) {
            ps.setString(1, t.schema());
            ps.setString(2, t.name());
            List<Manifest.Column> columns = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Manifest.Column(rs.getString(1), rs.getString(2)));
                }
            }
            return columns;
        }
    }

    /** Writes the table as zstd-compressed Parquet to {@code target}. */
    void exportParquet(TableInfo t, Path target) throws Exception {
        Files.createDirectories(target.getParent());
        try (Statement st = connection.createStatement()) {
            st.execute("COPY " + t.qualified() + " TO '" + target.toAbsolutePath().toString().replace("'", "''")
                    + "' (FORMAT parquet, COMPRESSION zstd)");
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
