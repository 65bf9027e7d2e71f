package io.teatree.api.intents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teatree.api.auth.Secrets;
import io.teatree.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The fingerprint of an intent request for {@code Idempotency-Key}: the SHA-256 of its canonical JSON (object
 * keys sorted), so the same body in another key order or spacing counts as the same request.
 */
public final class RequestHash {

    private RequestHash() {
    }

    public static String of(String function, JsonNode args) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("function", function);
        request.set("args", args);
        return Secrets.sha256(new String(Json.write(canonical(request)), StandardCharsets.UTF_8));
    }

    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            names.forEach(n -> sorted.set(n, canonical(node.get(n))));
            return sorted;
        }
        if (node.isArray()) {
            var array = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> array.add(canonical(e)));
            return array;
        }
        return node;
    }
}
