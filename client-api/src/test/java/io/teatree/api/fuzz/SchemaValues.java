package io.teatree.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * Values that follow a JSON schema (types, enums, required properties, examples, formats), with a hook that names
 * real values for a property (a model id that exists, a function that is registered).
 */
public final class SchemaValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 6;

    private final OpenApiDocument document;

    public SchemaValues(OpenApiDocument document) {
        this.document = document;
    }

    /** A value for {@code schema}; {@code hint} may answer a property or parameter by its name first. */
    public JsonNode value(Random r, JsonNode schema, String name, Function<String, Optional<JsonNode>> hint, int depth) {
        if (name != null) {
            Optional<JsonNode> hinted = hint.apply(name);
            if (hinted.isPresent()) {
                return hinted.get();
            }
        }
        JsonNode s = document.resolve(schema);
        for (String combined : List.of("allOf", "oneOf", "anyOf")) {
            if (s.has(combined) && !s.get(combined).isEmpty()) {
                JsonNode options = s.get(combined);
                return value(r, options.get(r.nextInt(options.size())), name, hint, depth);
            }
        }
        if (s.has("enum") && !s.get("enum").isEmpty()) {
            return s.get("enum").get(r.nextInt(s.get("enum").size()));
        }
        if (s.has("examples") && s.get("examples").isArray() && !s.get("examples").isEmpty() && r.nextBoolean()) {
            return s.get("examples").get(r.nextInt(s.get("examples").size()));
        }
        if (s.has("example") && r.nextBoolean()) {
            return s.get("example");
        }
        String type = type(s);
        return switch (type) {
            case "object" -> object(r, s, hint, depth);
            case "array" -> array(r, s, name, hint, depth);
            case "integer" -> JSON.numberNode(integer(r, s));
            case "number" -> JSON.numberNode(r.nextInt(1000) / 8.0);
            case "boolean" -> JSON.booleanNode(r.nextBoolean());
            case "string" -> JSON.textNode(string(r, s));
            default -> depth >= MAX_DEPTH || r.nextBoolean() ? scalar(r) : object(r, s, hint, depth);
        };
    }

    /** A scalar of the wrong kind for {@code schema}'s type. */
    public JsonNode wrongType(Random r, JsonNode schema) {
        String type = type(document.resolve(schema));
        List<JsonNode> options = new ArrayList<>(List.of(JSON.textNode(Hostile.string(r)), JSON.numberNode(r.nextLong()),
                JSON.booleanNode(true), JSON.nullNode(), JSON.arrayNode().add(1), JSON.objectNode().put("x", 1), JSON.numberNode(1.5e300)));
        options.removeIf(v -> type.equals(kind(v)));
        return Hostile.pick(r, options);
    }

    public String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "";
    }

    private ObjectNode object(Random r, JsonNode s, Function<String, Optional<JsonNode>> hint, int depth) {
        ObjectNode out = JSON.objectNode();
        if (depth >= MAX_DEPTH) {
            return out;
        }
        List<String> required = new ArrayList<>();
        s.path("required").forEach(n -> required.add(n.asText()));
        s.path("properties").properties().forEach(p -> {
            if (required.contains(p.getKey()) || r.nextInt(3) > 0) {
                out.set(p.getKey(), value(r, p.getValue(), p.getKey(), hint, depth + 1));
            }
        });
        return out;
    }

    private ArrayNode array(Random r, JsonNode s, String name, Function<String, Optional<JsonNode>> hint, int depth) {
        ArrayNode out = JSON.arrayNode();
        int n = depth >= MAX_DEPTH ? 0 : r.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.add(value(r, s.path("items"), null, hint, depth + 1));
        }
        return out;
    }

    private static long integer(Random r, JsonNode s) {
        long min = s.path("minimum").asLong(0);
        long max = s.path("maximum").asLong(min + 1000);
        return max <= min ? min : min + (long) (r.nextDouble() * (max - min + 1));
    }

    private static String string(Random r, JsonNode s) {
        return switch (s.path("format").asText()) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date-time" -> Instant.ofEpochSecond(1_700_000_000L + r.nextInt(100_000_000)).toString();
            case "int64", "int32" -> Long.toString(r.nextInt(100));
            default -> "s" + Integer.toString(r.nextInt(1 << 20), 36);
        };
    }

    private static JsonNode scalar(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> JSON.numberNode(r.nextInt(100));
            case 1 -> JSON.booleanNode(r.nextBoolean());
            case 2 -> JSON.nullNode();
            default -> JSON.textNode("v" + r.nextInt(1000));
        };
    }

    private static String kind(JsonNode v) {
        if (v.isTextual()) {
            return "string";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        return v.isArray() ? "array" : v.isObject() ? "object" : "null";
    }
}
