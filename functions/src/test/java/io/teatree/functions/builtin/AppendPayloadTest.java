package io.teatree.functions.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.FunctionException;
import io.teatree.functions.Payload;
import io.teatree.functions.PayloadFormat;
import io.teatree.functions.testing.ModelDb;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rows by payload in every format, loaded through the staging database and Arrow, never row by row. */
class AppendPayloadTest {

    private static final String SAMPLE = "SELECT * FROM (VALUES (1, 'north', '12.50', DATE '2024-01-02'),"
            + " (2, 'south, east', '0.10', DATE '2024-01-03'), (3, 'it''s', NULL, NULL)) v(id, site, amount, day)";
    private static final List<List<String>> EXPECTED = List.of(
            List.of("1", "north", "12.50", "2024-01-02"),
            List.of("2", "south, east", "0.10", "2024-01-03"),
            List.of("3", "it's", "null", "null"));

    @TempDir
    Path dir;
    private final AppendFunction append = new AppendFunction();

    @RegisterExtension
    final ModelDb db = ModelDb.with("CREATE TABLE sales (id BIGINT PRIMARY KEY, site VARCHAR NOT NULL, amount DECIMAL(10,2), day DATE)");

    @ParameterizedTest
    @ValueSource(strings = {"csv", "ndjson", "json", "parquet"})
    void loadsEachDuckDbReadableFormat(String format) throws Exception {
        Path file = write(SAMPLE, format);

        var result = db.apply(append, "{\"table\": \"sales\"}", new Payload(PayloadFormat.fromWire(format, "format"), file));

        assertThat(result.get("rows").asLong()).isEqualTo(3);
        assertThat(db.rows("SELECT id, site, amount, day FROM sales ORDER BY id")).isEqualTo(EXPECTED);
    }

    @Test
    void loadsAnArrowIpcStream() throws Exception {
        Path file = dir.resolve("rows.arrows");
        try (BufferAllocator allocator = new RootAllocator();
             BigIntVector id = new BigIntVector("id", allocator);
             VarCharVector site = new VarCharVector("site", allocator);
             VarCharVector amount = new VarCharVector("amount", allocator)) {
            id.allocateNew(2);
            site.allocateNew(2);
            amount.allocateNew(2);
            id.set(0, 10);
            id.set(1, 11);
            site.setSafe(0, "north".getBytes(StandardCharsets.UTF_8));
            site.setSafe(1, "south".getBytes(StandardCharsets.UTF_8));
            amount.setSafe(0, "1.25".getBytes(StandardCharsets.UTF_8));
            id.setValueCount(2);
            site.setValueCount(2);
            amount.setValueCount(2);
            try (VectorSchemaRoot root = VectorSchemaRoot.of(id, site, amount);
                 OutputStream out = Files.newOutputStream(file);
                 ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
                writer.start();
                writer.writeBatch();
                writer.writeBatch();
                writer.end();
            }
        }

        assertThatThrownBy(() -> db.apply(append, "{\"table\": \"sales\"}", new Payload(PayloadFormat.ARROW, file)))
                .as("the same batch written twice breaks the primary key")
                .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.type().slug()).isEqualTo("constraint-violation"));
        db.setup("ALTER TABLE sales RENAME TO old_sales",
                "CREATE TABLE sales (id BIGINT, site VARCHAR NOT NULL, amount DECIMAL(10,2), day DATE)");

        var result = db.apply(append, "{\"table\": \"sales\"}", new Payload(PayloadFormat.ARROW, file));

        assertThat(result.get("rows").asLong()).isEqualTo(4);
        assertThat(db.rows("SELECT id, site, amount FROM sales ORDER BY id, site")).containsExactly(
                List.of("10", "north", "1.25"), List.of("10", "north", "1.25"),
                List.of("11", "south", "null"), List.of("11", "south", "null"));
    }

    @Test
    void loadsOneHundredThousandRowsInOneCall() throws Exception {
        Path file = write("SELECT i AS id, 'site-' || (i % 7) AS site, (i % 1000) / 100 AS amount, DATE '2024-01-01' + (i % 365)::INT AS day"
                + " FROM range(100000) r(i)", "parquet");

        var result = db.apply(append, "{\"table\": \"sales\"}", new Payload(PayloadFormat.PARQUET, file));

        assertThat(result.get("rows").asLong()).isEqualTo(100_000);
        assertThat(db.rows("SELECT count(*), count(DISTINCT id), sum(amount), max(day) FROM sales"))
                .containsExactly(List.of("100000", "100000", "499500.00", "2024-12-30"));
    }

    @Test
    void aBadValueInACsvPayloadNamesItsRowAndColumn() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "id,site,amount\n1,a,1.00\n2,b,2.00\n3,c,three\n");

        assertThatThrownBy(() -> db.apply(append, "{\"table\": \"sales\"}", new Payload(PayloadFormat.CSV, file)))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("payload.rows[2].amount");
                    assertThat(e.detail()).contains("'three'", "DECIMAL(10,2)");
                });
        assertThat(db.count("sales")).isZero();
    }

    @Test
    void anUnknownColumnOrAnUnreadableFileIsNamed() throws Exception {
        Path extra = dir.resolve("extra.csv");
        Files.writeString(extra, "id,site,colour\n1,a,red\n");
        assertThatThrownBy(() -> db.apply(append, "{\"table\": \"sales\"}", new Payload(PayloadFormat.CSV, extra)))
                .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.field()).isEqualTo("payload.colour"));

        Path broken = dir.resolve("broken.parquet");
        Files.writeString(broken, "not parquet at all");
        assertThatThrownBy(() -> db.apply(append, "{\"table\": \"sales\"}", new Payload(PayloadFormat.PARQUET, broken)))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("payload");
                    assertThat(e.type().slug()).isEqualTo("bad-payload");
                });
        assertThatThrownBy(() -> db.apply(append, "{\"table\": \"sales\"}", new Payload(null, broken)))
                .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.field()).isEqualTo("payload.format"));
    }

    @Test
    void rowsInlineAndAsAPayloadTogetherAreRefused() throws Exception {
        Path file = write(SAMPLE, "csv");
        assertThatThrownBy(() -> db.apply(append, "{\"table\": \"sales\", \"rows\": []}", new Payload(PayloadFormat.CSV, file)))
                .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.field()).isEqualTo("rows"));
    }

    /** Writes the result of {@code query} in {@code format} with DuckDB's COPY on a trusted connection. */
    private Path write(String query, String format) throws Exception {
        Path file = dir.resolve("rows." + format);
        String options = switch (format) {
            case "csv" -> "(FORMAT csv, HEADER true)";
            case "ndjson" -> "(FORMAT json)";
            case "json" -> "(FORMAT json, ARRAY true)";
            default -> "(FORMAT parquet)";
        };
        try (Connection trusted = DriverManager.getConnection("jdbc:duckdb:"); Statement s = trusted.createStatement()) {
            s.execute("COPY (" + query + ") TO '" + file + "' " + options);
        }
        return file;
    }
}
