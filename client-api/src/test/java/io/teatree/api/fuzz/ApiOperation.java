package io.teatree.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One operation of the OpenAPI document: its method, path template, parameters and request bodies by media type
 * (schemas with their {@code $ref}s left in place; {@link OpenApiDocument#resolve} follows them) and the media types of
 * its 2xx answers.
 */
public record ApiOperation(String method, String path, List<Parameter> parameters, Map<String, JsonNode> bodies, boolean bodyRequired,
                           List<String> produces) {

    /** A path, query or header parameter. */
    public record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    public List<Parameter> in(String where) {
        return parameters.stream().filter(p -> p.in().equals(where)).toList();
    }

    /** {@code POST /v1/models/{m}/intents}: what findings are grouped by. */
    public String endpoint() {
        return method + " " + path;
    }
}
