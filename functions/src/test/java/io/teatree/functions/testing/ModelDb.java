package io.teatree.functions.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.Payload;
import io.teatree.functions.TeatreeFunction;
import io.teatree.functions.sandbox.Sandbox;
import io.teatree.protocol.Json;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A model database for tests, set up as the db-manager does it: an in-memory DuckDB, locked with
 * {@link Sandbox#lock}, functions applied inside a transaction that is committed on success and rolled back
 * on failure. Checks that every function returns all the Arrow memory it took.
 *
 * <p>As a JUnit extension, {@code @RegisterExtension final ModelDb db = ModelDb.with("CREATE TABLE ...")} gives
 * each test a fresh database: opened and set up before the test, closed after it. A test that wants one of
 * its own takes it from {@link #open} and closes it.
 */
public final class ModelDb implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

    private final List<String> setup;
    private Connection connection;
    private BufferAllocator allocator;

    private ModelDb(List<String> setup) {
        this.setup = setup;
    }

    /** A database for each test, set up with {@code setup} (trusted SQL) before the test and closed after it. */
    public static ModelDb with(String... setup) {
        return new ModelDb(List.of(setup));
    }

    /** An open database, set up with {@code setup} (trusted SQL); the caller closes it. */
    public static ModelDb open(String... setup) throws SQLException {
        ModelDb db = with(setup);
        db.connect();
        return db;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        connect();
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        close();
    }

    private void connect() throws SQLException {
        allocator = new RootAllocator();
        connection = DriverManager.getConnection("jdbc:duckdb:");
        Sandbox.lock(connection);
        connection.setAutoCommit(false);
        setup(setup.toArray(String[]::new));
    }

    public Connection connection() {
        return connection;
    }

    /** Runs trusted setup SQL and commits. */
    public void setup(String... statements) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
        connection.commit();
    }

    /** Parses {@code json} args, applies {@code function} in a transaction, commits it; rolls back on failure. */
    public JsonNode apply(TeatreeFunction<?> function, String json) throws FunctionException, SQLException {
        return apply(function, json, null);
    }

    public <A> JsonNode apply(TeatreeFunction<A> function, String json, Payload payload) throws FunctionException, SQLException {
        return applyParsed(function, function.parseArgs(json(json)), payload);
    }

    public <A> JsonNode applyParsed(TeatreeFunction<A> function, A args, Payload payload) throws FunctionException, SQLException {
        try (BufferAllocator child = allocator.newChildAllocator("intent", 0, Long.MAX_VALUE)) {
            JsonNode result = function.apply(context(child, payload), args);
            connection.commit();
            if (child.getAllocatedMemory() != 0) {
                throw new AssertionError("function leaked " + child.getAllocatedMemory() + " bytes of Arrow memory");
            }
            return result;
        } catch (FunctionException | SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Parses a JSON text written by a test. */
    public static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("bad JSON in test: " + text, e);
        }
    }

    /** Rows of {@code sql} as lists of strings (null as "null"). */
    public List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(String.valueOf(rs.getString(i)));
                }
                rows.add(row);
            }
        }
        connection.commit();
        return rows;
    }

    public long count(String table) throws SQLException {
        return Long.parseLong(rows("SELECT count(*) FROM " + table).get(0).get(0));
    }

    private FunctionContext context(BufferAllocator child, Payload payload) {
        return new FunctionContext() {
            @Override
            public String model() {
                return "test-model";
            }

            @Override
            public UUID intentId() {
                return UUID.randomUUID();
            }

            @Override
            public long version() {
                return 1;
            }

            @Override
            public Connection connection() {
                return connection;
            }

            @Override
            public BufferAllocator allocator() {
                return child;
            }

            @Override
            public Optional<Payload> payload() {
                return Optional.ofNullable(payload);
            }
        };
    }

    /** Closes the connection, then the allocator (which fails if Arrow memory is still taken). */
    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (allocator != null) {
            allocator.close();
            allocator = null;
        }
    }
}
