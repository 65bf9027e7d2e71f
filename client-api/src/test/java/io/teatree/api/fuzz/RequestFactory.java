package io.teatree.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Makes request {@code n} of a run from the operations of the document: schema-following values with real ids,
 * then, for most requests, one or two {@link Mutations}. Request {@code n} depends only on the seed and {@code n}
 * (its own {@link Random}), so any request of a run can be made again whatever the threads' interleaving.
 */
public final class RequestFactory {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final ObjectMapper MAPPER = new ObjectMapper();

    static final List<String> SQL = List.of(
            "SELECT 1 AS one", "SELECT * FROM orders", "SELECT count(*) AS n FROM customers", "SELECT id, name FROM orders WHERE id <= ?",
            "SELECT ? AS a, ? AS b", "SELECT * FROM orders ORDER BY amount DESC LIMIT 3", "SELECT * FROM _teatree.meta",
            "SELECT * FROM no_such_table", "SELEC 1", "", ";", "SELECT 1; SELECT 2", "DROP TABLE orders", "DELETE FROM orders",
            "INSERT INTO orders VALUES (1)", "CREATE TABLE x (a INT)", "ATTACH '/tmp/x.duckdb' AS x", "COPY orders TO '/tmp/out.csv'",
            "SELECT * FROM read_csv('/etc/passwd')", "SELECT * FROM read_parquet('s3://teatree/models/x/v1/tables/orders.parquet')",
            "INSTALL httpfs", "LOAD httpfs", "PRAGMA database_list", "SET threads = 64", "SELECT getenv('HOME')",
            "SELECT * FROM duckdb_settings()", "SELECT repeat('x', 100000) AS big", "SELECT range AS r FROM range(100000)",
            "SELECT 'é☃\uD83D\uDE00' AS u", "SELECT 1/0", "SELECT CAST('x' AS INTEGER)", "SELECT [1, 2, 3] AS l, {'a': 1} AS s",
            "SELECT NULL AS n", "SELECT 9223372036854775807 + 1", "SELECT * FROM orders WHERE name = '\u0000'",
            "SELECT 1 -- comment", "/* unterminated", "SELECT * FROM orders o, orders p, orders q LIMIT 10");

    private final long seed;
    private final List<ApiOperation> operations;
    private final SchemaValues values;
    private final FuzzContext context;
    private final Mutations mutations;

    public RequestFactory(long seed, OpenApiDocument document, FuzzContext context) {
        this.seed = seed;
        this.operations = document.operations();
        this.values = new SchemaValues(document);
        this.context = context;
        this.mutations = new Mutations(values, context);
    }

    public List<ApiOperation> operations() {
        return operations;
    }

    public FuzzRequest create(long number) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + number);
        Draft d = new Draft(operations.get(r.nextInt(operations.size())));
        for (ApiOperation.Parameter p : d.operation.in("path")) {
            d.pathValues.put(p.name(), param(r, d.operation, p));
        }
        for (ApiOperation.Parameter p : d.operation.in("query")) {
            if (p.required() || r.nextInt(3) == 0) {
                d.query.add(Map.entry(p.name(), param(r, d.operation, p)));
            }
        }
        for (ApiOperation.Parameter p : d.operation.in("header")) {
            if (p.required() || r.nextInt(3) == 0) {
                d.header(p.name(), param(r, d.operation, p));
            }
        }
        if (!d.operation.produces().isEmpty() && r.nextInt(3) == 0) {
            d.header("Accept", Hostile.pick(r, d.operation.produces()));
        }
        if (!d.operation.bodies().isEmpty() && (d.operation.bodyRequired() || r.nextInt(8) > 0)) {
            String type = Hostile.pick(r, new ArrayList<>(d.operation.bodies().keySet()));
            d.header("Content-Type", type);
            d.body = body(r, d.operation, type);
        }
        mutations.authorize(r, d);
        if (r.nextInt(100) < 65) {
            mutations.apply(r, d);
            if (r.nextInt(4) == 0) {
                mutations.apply(r, d);
            }
        } else {
            d.labels.add("schema-valid");
        }
        return d.build(number);
    }

    /** A valid-looking value of a parameter: a real id where the name says what it is, else one from its schema. */
    String param(Random r, ApiOperation op, ApiOperation.Parameter p) {
        String real = switch (p.name()) {
            case "m" -> r.nextInt(20) == 0 ? "nosuch-" + r.nextInt(100) : Hostile.pick(r, context.models());
            case "t" -> r.nextInt(10) == 0 ? "new_table" : Hostile.pick(r, context.tables());
            case "v" -> r.nextInt(10) == 0 ? String.valueOf(r.nextInt(1000)) : Hostile.pick(r, context.versions());
            case "id" -> idFor(r, op.path());
            case "wait" -> Hostile.pick(r, List.of("0", "10ms", "50ms", "0s", "PT0.05S", ""));
            case "limit" -> String.valueOf(1 + r.nextInt(1000));
            case "after" -> r.nextBoolean() ? "" : Hostile.pick(r, context.models());
            case "since", "Last-Event-ID" -> String.valueOf(r.nextInt(5));
            case "types" -> Hostile.pick(r, List.of("intent.succeeded", "intent.failed,intent.succeeded", "version.published", ""));
            case "mode" -> Hostile.pick(r, List.of("append", "upsert", "replace"));
            case "key" -> Hostile.pick(r, List.of("id", "id,name", ""));
            case "Range" -> Hostile.pick(r, List.of("bytes=0-99", "bytes=-10", "bytes=100-", "bytes=0-0"));
            default -> null;
        };
        if (real != null) {
            return real;
        }
        JsonNode v = values.value(r, p.schema(), null, n -> Optional.empty(), 0);
        return v.isTextual() ? v.asText() : v.toString();
    }

    private String idFor(Random r, String path) {
        if (r.nextInt(8) == 0) {
            return UUID.randomUUID().toString();
        }
        if (path.startsWith("/v1/intents") && !context.intentIds().isEmpty()) {
            return Hostile.pick(r, context.intentIds());
        }
        if (path.startsWith("/v1/keys") && !context.revocableKeyIds().isEmpty()) {
            return Hostile.pick(r, context.revocableKeyIds());
        }
        return UUID.randomUUID().toString();
    }

    /** A valid-looking body of {@code type} for {@code op}. */
    byte[] body(Random r, ApiOperation op, String type) {
        byte[] sample = context.rowsSamples().get(type);
        if (op.path().endsWith("/rows") && sample != null) {
            return sample;
        }
        if (type.equals("application/x-www-form-urlencoded")) {
            String form = "sql=" + URLEncoder.encode(Hostile.pick(r, SQL), StandardCharsets.UTF_8)
                    + (r.nextBoolean() ? "&version=" + Hostile.pick(r, context.versions()) : "");
            return form.getBytes(StandardCharsets.UTF_8);
        }
        if (type.contains("json")) {
            JsonNode value = values.value(r, op.bodies().get(type), null, name -> hint(r, op, name), 0);
            return write(value);
        }
        return ("id,name\n1,a\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Real values for body properties by name, in the context of the operation. */
    Optional<JsonNode> hint(Random r, ApiOperation op, String name) {
        return Optional.ofNullable(switch (name) {
            case "id" -> op.path().equals("/v1/models") ? JSON.textNode("fz-" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36)) : null;
            case "modelPattern" -> JSON.textNode(Hostile.pick(r, List.of("*", "fz-*", context.models().getFirst(), "a?c")));
            case "function" -> JSON.textNode(Hostile.pick(r, context.functions()));
            case "args" -> args(r);
            case "sql" -> JSON.textNode(Hostile.pick(r, SQL));
            case "params" -> JSON.arrayNode().add(r.nextInt(50)).add("x");
            case "version" -> r.nextBoolean() ? JSON.textNode(Hostile.pick(r, context.versions())) : JSON.numberNode(1 + r.nextInt(2));
            default -> null;
        });
    }

    private JsonNode args(Random r) {
        ObjectNode args = JSON.objectNode();
        if (r.nextInt(4) > 0) {
            args.put("table", Hostile.pick(r, context.tables()));
            ObjectNode row = JSON.objectNode().put("id", r.nextInt(100)).put("name", "n" + r.nextInt(100));
            args.set("rows", JSON.arrayNode().add(row));
        }
        if (r.nextInt(4) == 0) {
            args.put("where", "id = " + r.nextInt(10));
        }
        return args;
    }

    static byte[] write(JsonNode value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
