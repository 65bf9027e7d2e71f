package io.teatree.api.fuzz;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request being generated: values are raw text, encoded when the request is built (unless marked raw). */
final class Draft {

    final ApiOperation operation;
    String method;
    String path;
    final Map<String, String> pathValues = new LinkedHashMap<>();
    boolean rawPath;
    final List<Map.Entry<String, String>> query = new ArrayList<>();
    String rawQuery;
    final List<Map.Entry<String, String>> headers = new ArrayList<>();
    byte[] body;
    final List<String> labels = new ArrayList<>();

    Draft(ApiOperation operation) {
        this.operation = operation;
        this.method = operation.method();
        this.path = operation.path();
    }

    void header(String name, String value) {
        headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
        if (value != null) {
            headers.add(Map.entry(name, value));
        }
    }

    String header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** The path with its parameters in place (encoded); the parameters are then part of the path. */
    String resolvedPath() {
        String out = target(rawPath).split("\\?", 2)[0];
        pathValues.clear();
        return out;
    }

    FuzzRequest build(long number) {
        String target = target(rawPath);
        try {
            URI.create("http://127.0.0.1" + target);
        } catch (IllegalArgumentException e) {
            rawQuery = null;
            target = target(false);
            labels.add("re-encoded");
        }
        return new FuzzRequest(number, operation, method, target, List.copyOf(headers), body, String.join("; ", labels));
    }

    private String target(boolean raw) {
        String out = path;
        for (Map.Entry<String, String> v : pathValues.entrySet()) {
            out = out.replace("{" + v.getKey() + "}", raw ? v.getValue() : encode(v.getValue()));
        }
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> p : query) {
            q.append(q.isEmpty() ? "" : "&").append(encode(p.getKey()));
            if (p.getValue() != null) {
                q.append('=').append(encode(p.getValue()));
            }
        }
        if (rawQuery != null) {
            q.append(q.isEmpty() ? "" : "&").append(rawQuery);
        }
        return q.isEmpty() ? out : out + "?" + q;
    }

    /** Percent-encodes every byte of the UTF-8 form except RFC 3986's unreserved characters. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
