package io.teatree.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The operations of a live OpenAPI 3 document (JSON), the schemas behind its {@code $ref}s. */
public final class OpenApiDocument {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode root;

    public OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    /** Every operation, in document order; path-level parameters are merged into each operation's. */
    public List<ApiOperation> operations() {
        List<ApiOperation> operations = new ArrayList<>();
        root.path("paths").properties().forEach(path -> {
            JsonNode item = path.getValue();
            item.properties().stream().filter(e -> METHODS.contains(e.getKey())).forEach(e -> {
                JsonNode op = e.getValue();
                List<ApiOperation.Parameter> parameters = new ArrayList<>();
                addParameters(item.path("parameters"), parameters);
                addParameters(op.path("parameters"), parameters);
                Map<String, JsonNode> bodies = new LinkedHashMap<>();
                JsonNode body = resolve(op.path("requestBody"));
                body.path("content").properties().forEach(c -> bodies.put(c.getKey(), c.getValue().path("schema")));
                List<String> produces = new ArrayList<>();
                op.path("responses").properties().stream().filter(a -> a.getKey().startsWith("2"))
                        .forEach(a -> resolve(a.getValue()).path("content").fieldNames().forEachRemaining(produces::add));
                operations.add(new ApiOperation(e.getKey().toUpperCase(Locale.ROOT), path.getKey(), List.copyOf(parameters),
                        bodies, body.path("required").asBoolean(false), List.copyOf(produces)));
            });
        });
        return operations;
    }

    /** {@code node}, or what its {@code $ref} points to (local references only), followed to the end. */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 16; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return MissingNode.getInstance();
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }

    private void addParameters(JsonNode list, List<ApiOperation.Parameter> into) {
        for (JsonNode p : list) {
            JsonNode param = resolve(p);
            String name = param.path("name").asText();
            String in = param.path("in").asText();
            into.removeIf(q -> q.name().equals(name) && q.in().equals(in));
            into.add(new ApiOperation.Parameter(name, in, param.path("required").asBoolean("path".equals(in)), param.path("schema")));
        }
    }
}
