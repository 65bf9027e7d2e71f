package io.teatree.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.api.ResultParsers;
import io.teatree.protocol.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every row format over a real in-memory DuckDB: nested values as JSON, and as DuckDB's own text in CSV and text. */
class ResultRenderingTest {

    /** One column per case; row 1 holds values, row 2 NULLs inside the nested ones, row 3 NULL cells. */
    private static final String TABLE = """
            CREATE TABLE t AS
            SELECT * FROM (VALUES
              (1, [1, 2, NULL], [1, 2, 3]::INTEGER[3], {'a': 1, 'b': ['x', 'y']}, MAP {'k': 'v', 'k2': NULL},
               MAP {1: 'a', 2: 'b'}, union_value(num := 2)::UNION(num INTEGER, str VARCHAR),
               [{'a': MAP {'x': [1]}, 'b': '\\xAA\\x00'::BLOB}, NULL], ['\\xAA\\x00'::BLOB, 'abc'::BLOB],
               [1.25::DECIMAL(10, 2)], [170141183460469231731687303715884105727::HUGEINT],
               [DATE '2024-01-02'], [TIMESTAMP '2024-01-02 03:04:05.123456'], [TIMESTAMPTZ '2024-01-02 03:04:05+00'],
               [TIME '03:04:05.5'], [INTERVAL 1 YEAR + INTERVAL 3 DAY + INTERVAL 5 SECOND],
               [uuid '123e4567-e89b-12d3-a456-426614174000'], ['NaN'::DOUBLE, 'inf'::DOUBLE, '-inf'::DOUBLE, 1e20, 1e10, 0.1, 1e-5],
               ['a''b"c', e'x\\ny', 'é☃', '', NULL, ' sp ', 'a,b', '[x]', '{y}', 'NULL', 'a\\b'], ['happy'::mood],
               {'k y': 1, 'q''s': [{'z': 1.5::FLOAT}]}, MAP {[1]: {'a': 1}}, '\\xAA\\x00"'::BLOB, 123.40::DECIMAL(10, 2),
               TIMESTAMP '2024-01-02 03:04:00', 1e-7::DOUBLE, 'happy'::mood, [[1, 2], [3]], MAP {'a': MAP {'b': [true]}}),
              (2, [NULL], [NULL, NULL, NULL]::INTEGER[3], {'a': NULL, 'b': NULL}, MAP {'k': NULL},
               MAP {3: NULL}, union_value(str := 'a b,')::UNION(num INTEGER, str VARCHAR),
               [{'a': NULL, 'b': NULL}], [NULL], [NULL], [NULL], [NULL], [NULL], [NULL], [NULL], [NULL], [NULL], [NULL], [NULL],
               [NULL], {'k y': NULL, 'q''s': [NULL, {'z': NULL}]}, MAP {[]: NULL}, ''::BLOB, -0.05::DECIMAL(10, 2),
               TIMESTAMP '1999-12-31 23:59:59.000001', 1.7976931348623157e308, 'sad'::mood, [[], NULL], MAP {}),
              (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL))
            AS v(id, list, arr, struct, map_text, map_int, uni, list_of_struct, blobs, decimals, hugeints, dates, timestamps,
                 timestamptzs, times, intervals, uuids, doubles, texts, enums, struct_nested, map_list_key, blob, dec, ts,
                 dbl, enm, lists, maps)
            """;

    private static Connection duck;

    @BeforeAll
    static void table() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')");
            s.execute(TABLE);
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duck.close();
    }

    @Test
    void textOfEveryCellIsDuckDbsOwnVarcharCast() throws SQLException {
        List<String> columns = columns();
        for (String column : columns) {
            assertTextMatchesCast("SELECT " + column + " AS v, CAST(" + column + " AS VARCHAR) AS t FROM t ORDER BY id");
        }
    }

    @Test
    void manyGeneratedScalarsInsideListsMatchDuckDbsCast() throws SQLException {
        // doubles across the whole exponent range, floats, and text with every character DuckDB quotes for
        assertTextMatchesCast("""
                SELECT [v, -v] AS v, CAST([v, -v] AS VARCHAR) FROM (
                  SELECT (random() * pow(10, (random() * 600 - 300)::INTEGER))::DOUBLE AS v FROM range(3000)
                  UNION ALL SELECT pow(10, range - 20) FROM range(40)
                  UNION ALL SELECT 5e-324 UNION ALL SELECT 2.5e-5 UNION ALL SELECT 123456789012345.6)""");
        assertTextMatchesCast("""
                SELECT [v] AS v, CAST([v] AS VARCHAR), v, CAST(v AS VARCHAR) FROM (
                  SELECT pow(10, range - 20)::FLOAT AS v FROM range(40) UNION ALL SELECT unnest([0.1, 1.5, 16777216, 3.4e38])::FLOAT)""");
        assertTextMatchesCast("""
                SELECT [s] AS v, CAST([s] AS VARCHAR), MAP {s: s}, CAST(MAP {s: s} AS VARCHAR), {'x': s}, CAST({'x': s} AS VARCHAR)
                FROM (SELECT 'a' || chr(range::INTEGER) || 'b' AS s FROM range(1, 128)
                      UNION ALL SELECT unnest([' a', 'a ', e'\\ta', 'null', 'Null', 'nul', ' ', 'x y', 'é', '\\'])
                      UNION ALL SELECT chr(range::INTEGER) FROM range(1, 128))""");
        assertTextMatchesCast("""
                SELECT [b] AS v, CAST([b] AS VARCHAR), b, CAST(b AS VARCHAR)
                FROM (SELECT ('\\x' || lpad(upper(to_hex(range)), 2, '0'))::BLOB AS b FROM range(256))""");
        assertTextMatchesCast("""
                SELECT [t, t + INTERVAL (range) MICROSECOND] AS v, CAST([t, t + INTERVAL (range) MICROSECOND] AS VARCHAR),
                       [t::DATE, NULL], CAST([t::DATE, NULL] AS VARCHAR), [t::TIME], CAST([t::TIME] AS VARCHAR),
                       [t::TIMESTAMPTZ], CAST([t::TIMESTAMPTZ] AS VARCHAR), t, CAST(t AS VARCHAR)
                FROM (SELECT TIMESTAMP '1970-01-01' + INTERVAL (range * 7919 * 3600) SECOND AS t, range FROM range(2000))""");
    }

    @Test
    void jsonWritesStructsAsObjectsListsAsArraysAndMapsByTheirKeys() throws Exception {
        JsonNode rows = Json.MAPPER.readTree(write(new JsonRowsWriter(false), ResultFormat.JSON, "SELECT * FROM t ORDER BY id"));
        JsonNode first = rows.get(0);
        assertThat(first.get("list").toString()).isEqualTo("[1,2,null]");
        assertThat(first.get("arr").toString()).isEqualTo("[1,2,3]");
        assertThat(first.get("struct").toString()).isEqualTo("{\"a\":1,\"b\":[\"x\",\"y\"]}");
        assertThat(first.get("map_text").toString()).isEqualTo("{\"k\":\"v\",\"k2\":null}");
        assertThat(first.get("map_int").toString()).isEqualTo("[{\"key\":1,\"value\":\"a\"},{\"key\":2,\"value\":\"b\"}]");
        assertThat(first.get("uni").toString()).isEqualTo("2");
        String blob = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xAA, 0});
        assertThat(first.get("list_of_struct").toString()).isEqualTo("[{\"a\":{\"x\":[1]},\"b\":\"" + blob + "\"},null]");
        assertThat(first.get("blobs").toString()).isEqualTo("[\"" + blob + "\",\"YWJj\"]");
        assertThat(first.get("decimals").toString()).isEqualTo("[1.25]");
        assertThat(first.get("hugeints").toString()).isEqualTo("[170141183460469231731687303715884105727]");
        assertThat(first.get("dates").toString()).isEqualTo("[\"2024-01-02\"]");
        assertThat(first.get("timestamps").toString()).isEqualTo("[\"2024-01-02T03:04:05.123456\"]");
        assertThat(first.get("timestamptzs").get(0).asText()).startsWith("2024-01-02T03:04:05");
        assertThat(first.get("times").toString()).isEqualTo("[\"03:04:05.500\"]");
        assertThat(first.get("intervals").toString()).isEqualTo("[\"1 year 3 days 00:00:05\"]");
        assertThat(first.get("uuids").toString()).isEqualTo("[\"123e4567-e89b-12d3-a456-426614174000\"]");
        assertThat(first.get("doubles").toString()).isEqualTo("[\"NaN\",\"Infinity\",\"-Infinity\",1.0E20,1.0E10,0.1,1.0E-5]");
        assertThat(first.get("texts").get(0).asText()).isEqualTo("a'b\"c");
        assertThat(first.get("texts").get(1).asText()).isEqualTo("x\ny");
        assertThat(first.get("texts").get(2).asText()).isEqualTo("é☃");
        assertThat(first.get("texts").get(4).isNull()).isTrue();
        assertThat(first.get("enums").toString()).isEqualTo("[\"happy\"]");
        assertThat(first.get("struct_nested").toString()).isEqualTo("{\"k y\":1,\"q's\":[{\"z\":1.5}]}");
        assertThat(first.get("map_list_key").toString()).isEqualTo("[{\"key\":[1],\"value\":{\"a\":1}}]");
        assertThat(first.get("blob").asText()).isEqualTo(Base64.getEncoder().encodeToString(new byte[] {(byte) 0xAA, 0, '"'}));
        assertThat(first.get("lists").toString()).isEqualTo("[[1,2],[3]]");
        assertThat(first.get("maps").toString()).isEqualTo("{\"a\":{\"b\":[true]}}");
        JsonNode second = rows.get(1);
        assertThat(second.get("struct").toString()).isEqualTo("{\"a\":null,\"b\":null}");
        assertThat(second.get("uni").asText()).isEqualTo("a b,");
        assertThat(second.get("maps").toString()).isEqualTo("{}");
        assertThat(second.get("lists").toString()).isEqualTo("[[],null]");
        rows.get(2).properties().forEach(e -> assertThat(e.getValue().isNull()).as(e.getKey()).isEqualTo(!e.getKey().equals("id")));

        String ndjson = new String(write(new JsonRowsWriter(true), ResultFormat.NDJSON, "SELECT * FROM t ORDER BY id"), StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            lines.add(Json.MAPPER.readTree(line));
        }
        assertThat(lines).containsExactly(rows.get(0), rows.get(1), rows.get(2));
    }

    @Test
    void csvAndTextCarryDuckDbsTextOfEachCell() throws Exception {
        List<List<String>> expected = new ArrayList<>();
        String casts = String.join(", ", columns().stream().map(c -> "CAST(" + c + " AS VARCHAR)").toList());
        try (Statement s = duck.createStatement(); ResultSet rows = s.executeQuery("SELECT id, " + casts + " FROM t ORDER BY id")) {
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                    row.add(rows.getString(c));
                }
                expected.add(row);
            }
        }
        byte[] csv = write(new CsvWriter(), ResultFormat.CSV, "SELECT * FROM t ORDER BY id");
        assertThat(ResultParsers.csv(csv)).isEqualTo(expected);
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains(",\"[1, 2, NULL]\",").contains(",\"{k=v, k2=NULL}\",").contains(",\"{'k y': 1, 'q\\'s': [{'z': 1.5}]}\",");

        String text = new String(write(new TextTableWriter(), ResultFormat.TEXT, "SELECT * FROM t ORDER BY id"), StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        assertThat(lines).hasSize(2 + expected.size() + 1);
        for (int r = 0; r < expected.size(); r++) {
            List<String> cells = List.of(lines[2 + r].split(" \\| ", -1)).stream().map(String::strip).toList();
            List<String> want = expected.get(r).stream().map(v -> v == null ? "NULL" : v.replace('\n', ' ').strip()).toList();
            assertThat(cells).isEqualTo(want);
        }
    }

    @Test
    void arrowKeepsNestedTypesAsArrowNestedVectors() throws Exception {
        byte[] body = write(new ArrowResultWriter(new RootAllocator(), 1024), ResultFormat.ARROW,
                "SELECT * EXCLUDE (enums, enm) FROM t ORDER BY id");
        try (RootAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(body), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertThat(reader.loadNextBatch()).isTrue();
            assertThat(root.getRowCount()).isEqualTo(3);
            assertThat(root.getVector("list")).isInstanceOf(ListVector.class);
            assertThat(root.getVector("arr")).isInstanceOf(FixedSizeListVector.class);
            assertThat(root.getVector("struct")).isInstanceOf(StructVector.class);
            assertThat(root.getVector("map_text")).isInstanceOf(MapVector.class);
            assertThat(root.getVector("list_of_struct")).isInstanceOf(ListVector.class);
            FieldVector list = root.getVector("list");
            assertThat(list.getObject(0).toString()).isEqualTo("[1,2,null]");
            assertThat(root.getVector("struct").getObject(0).toString()).isEqualTo("{\"a\":1,\"b\":[\"x\",\"y\"]}");
        }
    }

    @Test
    void aValueNestedTooDeeplyIsRefusedNotOverflowed() throws Exception {
        String shallow = "[".repeat(Nesting.MAX_DEPTH) + "1" + "]".repeat(Nesting.MAX_DEPTH);
        String deep = "[".repeat(Nesting.MAX_DEPTH + 1) + "1" + "]".repeat(Nesting.MAX_DEPTH + 1);
        for (ResultFormat format : List.of(ResultFormat.JSON, ResultFormat.CSV)) {
            try (PreparedStatement s = duck.prepareStatement("SELECT " + shallow + " AS ok, " + deep + " AS deep");
                 ResultSet rows = s.executeQuery()) {
                RunningQuery query = new RunningQuery(null, s, rows, null, new AtomicBoolean(), 1 << 20, format);
                assertThat(query.next()).isTrue();
                assertThat(Cells.length(query.cell(1))).isEqualTo(2L * Nesting.MAX_DEPTH + 1);
                assertThatThrownBy(() -> query.cell(2)).isInstanceOf(CellTooLargeException.class)
                        .hasMessageContaining("column 'deep' nests lists, structs or maps more than 64 levels deep");
            }
        }
    }

    private static void assertTextMatchesCast(String sql) throws SQLException {
        try (Statement s = duck.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            int n = 0;
            while (rows.next()) {
                for (int c = 1; c < rows.getMetaData().getColumnCount(); c += 2) {
                    assertThat(Cells.text(rows, c)).as("%s, row %d, column %d", sql.lines().findFirst().orElse(""), n, c)
                            .isEqualTo(rows.getString(c + 1));
                }
                n++;
            }
            assertThat(n).isPositive();
        }
    }

    private static List<String> columns() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement s = duck.createStatement(); ResultSet rows = s.executeQuery("SELECT * FROM t LIMIT 0")) {
            for (int c = 2; c <= rows.getMetaData().getColumnCount(); c++) {
                columns.add(rows.getMetaData().getColumnLabel(c));
            }
        }
        return columns;
    }

    private static byte[] write(ResultWriter writer, ResultFormat format, String sql) throws Exception {
        try (PreparedStatement s = duck.prepareStatement(sql); ResultSet rows = s.executeQuery()) {
            RunningQuery query = new RunningQuery(null, s, rows, null, new AtomicBoolean(), 1 << 20, format);
            if (format != ResultFormat.ARROW) {
                query.checkFirstRow();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer.write(query, Long.MAX_VALUE, out);
            return out.toByteArray();
        }
    }
}
