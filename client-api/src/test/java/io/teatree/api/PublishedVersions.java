package io.teatree.api;

import io.teatree.protocol.Json;
import io.teatree.protocol.Manifest;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.VersionStore;
import io.teatree.testkit.TeatreeServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Publishes a read-only version the way the db-manager does, without one: a DuckDB file with tables and
 * {@code _teatree.meta}, Parquet per table, files then manifest uploaded to S3, control rows recorded.
 */
final class PublishedVersions {

    private final DataSource dataSource;
    private final S3Client s3;

    PublishedVersions(DataSource dataSource, S3Client s3) {
        this.dataSource = dataSource;
        this.s3 = s3;
    }

    /** Publishes version {@code version} of {@code model} whose {@code orders} table has {@code rows} rows. */
    Manifest publish(String model, long version, int rows) throws Exception {
        Path dir = TeatreeServers.get().newDirectory("version-");
        Path file = dir.resolve("model.duckdb");
        String prefix = "models/" + model + "/v" + version + "/";
        List<Manifest.Table> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA _teatree");
            st.execute("CREATE TABLE _teatree.meta (key VARCHAR PRIMARY KEY, value BIGINT)");
            st.execute("INSERT INTO _teatree.meta VALUES ('version', " + version + ")");
            st.execute("CREATE TABLE orders AS SELECT i AS id, 'item ' || i || ', \"x\"' AS name, (i * 1.5)::DOUBLE AS amount,"
                    + " i % 2 = 0 AS paid, CASE WHEN i % 5 = 0 THEN NULL ELSE 'v" + version + "' END AS note"
                    + " FROM range(1, " + (rows + 1) + ") t(i)");
            st.execute("CREATE TABLE customers AS SELECT i AS id, 'customer ' || i AS name FROM range(1, 4) t(i)");
            for (String table : List.of("customers", "orders")) {
                Path parquet = dir.resolve(table + ".parquet");
                st.execute("COPY " + table + " TO '" + parquet + "' (FORMAT parquet, COMPRESSION zstd)");
                String key = prefix + "tables/" + table + ".parquet";
                tables.add(new Manifest.Table(table, count(st, table), columns(st, table), upload(key, parquet)));
            }
            st.execute("CHECKPOINT");
        }
        Manifest manifest = new Manifest(ModelId.of(model), version, Instant.now(), "v1.0.0", upload(prefix + "model.duckdb", file), tables);
        s3.putObject(b -> b.bucket(TeatreeServers.BUCKET).key(prefix + "manifest.json"), RequestBody.fromBytes(Json.write(manifest)));
        new VersionStore(dataSource).record(manifest);
        return manifest;
    }

    /** The bytes of the version file as published. */
    byte[] bytes(Manifest manifest) {
        String key = manifest.duckdb().uri().substring(("s3://" + TeatreeServers.BUCKET + "/").length());
        return s3.getObjectAsBytes(b -> b.bucket(TeatreeServers.BUCKET).key(key)).asByteArray();
    }

    private Manifest.FileRef upload(String key, Path file) throws Exception {
        s3.putObject(b -> b.bucket(TeatreeServers.BUCKET).key(key), RequestBody.fromFile(file));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        return new Manifest.FileRef("s3://" + TeatreeServers.BUCKET + "/" + key, Files.size(file), sha);
    }

    private static long count(Statement st, String table) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Manifest.Column> columns(Statement st, String table) throws Exception {
        List<Manifest.Column> columns = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = '" + table
                + "' AND schema_name = 'main' ORDER BY column_index")) {
            while (rs.next()) {
                columns.add(new Manifest.Column(rs.getString(1), rs.getString(2)));
            }
        }
        return columns;
    }
}
