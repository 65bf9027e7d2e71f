package com.example.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.Payload;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Applies {@code scale} to a real in-memory DuckDB, the way the db-manager does: inside a transaction. */
class ScaleFunctionTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ScaleFunction scale = new ScaleFunction();
    private Connection connection;

    @BeforeEach
    void openModel() throws Exception {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE goals (site VARCHAR, amount DOUBLE)");
            s.execute("INSERT INTO goals VALUES ('a', 10), ('b', 20)");
        }
        connection.setAutoCommit(false);
    }

    @AfterEach
    void closeModel() throws Exception {
        connection.close();
    }

    @Test
    void scalesTheColumn() throws Exception {
        var result = scale.apply(context(), scale.parseArgs(json.readTree("{\"table\": \"goals\", \"column\": \"amount\", \"factor\": 1.5}")));
        connection.commit();

        assertEquals(2, result.get("rows").asInt());
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT sum(amount) FROM goals")) {
            rs.next();
            assertEquals(45.0, rs.getDouble(1));
        }
    }

    @Test
    void badArgumentsNameTheField() {
        var e = assertThrows(InvalidFieldException.class, () -> scale.parseArgs(json.readTree("{\"table\": \"goals\", \"column\": \"amount\"}")));
        assertEquals("factor", e.field());
        var quoted = assertThrows(InvalidFieldException.class,
                () -> scale.parseArgs(json.readTree("{\"table\": \"goals\\\"; DROP TABLE goals; --\", \"column\": \"amount\", \"factor\": 2}")));
        assertEquals("table", quoted.field());
    }

    @Test
    void failuresUseTheFunctionsOwnErrorTypes() throws Exception {
        var missing = assertThrows(FunctionException.class,
                () -> scale.apply(context(), scale.parseArgs(json.readTree("{\"table\": \"goals\", \"column\": \"price\", \"factor\": 2}"))));
        assertEquals("scale-no-such-column", missing.type().slug());
        assertEquals("column", missing.field());

        var text = assertThrows(FunctionException.class,
                () -> scale.apply(context(), scale.parseArgs(json.readTree("{\"table\": \"goals\", \"column\": \"site\", \"factor\": 2}"))));
        assertEquals(ScaleFunction.ScaleError.NOT_NUMERIC, text.type());
        assertEquals("https://teatree.io/problems/scale-not-numeric", text.type().uri());
    }

    private FunctionContext context() {
        return new FunctionContext() {
            @Override public String model() { return "example"; }
            @Override public UUID intentId() { return UUID.randomUUID(); }
            @Override public long version() { return 1; }
            @Override public Connection connection() { return connection; }
            @Override public BufferAllocator allocator() { throw new UnsupportedOperationException("scale needs no Arrow"); }
            @Override public Optional<Payload> payload() { return Optional.empty(); }
        };
    }
}
