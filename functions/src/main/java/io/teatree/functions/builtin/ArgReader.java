package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.table.Identifiers;
import io.teatree.functions.table.TableName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the fields of a function's JSON arguments, naming the offending field in every error. Stateless. */
final class ArgReader {

    private ArgReader() {
    }

    /** The arguments object itself; null or missing arguments read as an empty object. */
    static JsonNode object(JsonNode args) {
        if (args == null || args.isNull() || args.isMissingNode()) {
            return io.teatree.protocol.Json.MAPPER.createObjectNode();
        }
        if (!args.isObject()) {
            throw new InvalidFieldException("args", "args must be a JSON object");
        }
        return args;
    }

    static boolean has(JsonNode args, String name) {
        JsonNode v = args.get(name);
        return v != null && !v.isNull();
    }

    static String text(JsonNode args, String name) {
        JsonNode v = args.get(name);
        if (v == null || v.isNull()) {
            throw new InvalidFieldException(name, "missing required field '" + name + "'");
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw new InvalidFieldException(name, "'" + name + "' must be a non-empty string");
        }
        return v.textValue();
    }

    static TableName table(JsonNode args, String name) {
        return TableName.parse(text(args, name), name);
    }

    static String identifier(JsonNode args, String name) {
        return Identifiers.require(text(args, name), name);
    }

    static boolean bool(JsonNode args, String name, boolean fallback) {
        JsonNode v = args.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new InvalidFieldException(name, "'" + name + "' must be true or false");
        }
        return v.booleanValue();
    }

    /** A list of distinct column names; {@code required} lists must not be empty. */
    static List<String> identifiers(JsonNode args, String name, boolean required) {
        JsonNode v = args.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidFieldException(name, "missing required field '" + name + "'");
            }
            return List.of();
        }
        if (!v.isArray() || (required && v.isEmpty())) {
            throw new InvalidFieldException(name, "'" + name + "' must be " + (required ? "a non-empty" : "an") + " array of column names");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < v.size(); i++) {
            String field = name + "[" + i + "]";
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                throw new InvalidFieldException(field, field + " must be a column name");
            }
            String id = Identifiers.require(item.textValue(), field);
            if (!seen.add(id.toLowerCase(Locale.ROOT))) {
                throw new InvalidFieldException(field, "column '" + id + "' is listed twice");
            }
            names.add(id);
        }
        return List.copyOf(names);
    }

    /** Inline rows: a JSON array, or null when absent (the rows then come as a payload). */
    static JsonNode rows(JsonNode args) {
        JsonNode v = args.get("rows");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new InvalidFieldException("rows", "'rows' must be an array of objects");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                throw new InvalidFieldException("rows[" + i + "]", "rows[" + i + "] must be an object of column values");
            }
        }
        return v;
    }

    /** A JSON array field, required. */
    static JsonNode array(JsonNode args, String name) {
        JsonNode v = args.get(name);
        if (v == null || v.isNull()) {
            throw new InvalidFieldException(name, "missing required field '" + name + "'");
        }
        if (!v.isArray() || v.isEmpty()) {
            throw new InvalidFieldException(name, "'" + name + "' must be a non-empty array");
        }
        return v;
    }
}
