package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teatree.protocol.Json;

/** Small JSON results. */
final class Results {

    private Results() {
    }

    static ObjectNode rows(long rows) {
        return Json.MAPPER.createObjectNode().put("rows", rows);
    }

    static ObjectNode of(String key, String value) {
        return Json.MAPPER.createObjectNode().put(key, value);
    }
}
