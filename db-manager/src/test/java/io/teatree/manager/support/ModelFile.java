package io.teatree.manager.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads a model file read-only after its manager exited (DuckDB allows no second opener while it runs). */
public final class ModelFile {

    private ModelFile() {
    }

    public static long scalar(Path dataDir, String model, String sql) throws SQLException {
        try (Connection c = open(dataDir, model); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static List<Long> longs(Path dataDir, String model, String sql) throws SQLException {
        try (Connection c = open(dataDir, model); ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<Long> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
            return values;
        }
    }

    private static Connection open(Path dataDir, String model) throws SQLException {
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + dataDir.resolve(model).resolve("model.duckdb").toAbsolutePath(), props);
    }
}
