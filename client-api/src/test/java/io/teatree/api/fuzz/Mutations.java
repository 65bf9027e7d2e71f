package io.teatree.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The hostile changes made to a schema-valid {@link Draft}, and the caller it is sent as. */
final class Mutations {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "FOO");

    private final SchemaValues values;
    private final FuzzContext context;

    Mutations(SchemaValues values, FuzzContext context) {
        this.values = values;
        this.context = context;
    }

    /** An {@code Authorization} of a key of each role, a key scoped to another model, none, a revoked-looking or broken one. */
    void authorize(Random r, Draft d) {
        int roll = r.nextInt(100);
        String who;
        String value;
        if (roll < 35) {
            who = "admin";
            value = "Bearer " + context.adminKey();
        } else if (roll < 55) {
            who = "writer";
            value = "Bearer " + context.writerKey();
        } else if (roll < 70) {
            who = "reader";
            value = "Bearer " + context.readerKey();
        } else if (roll < 80) {
            who = "other-model key";
            value = "Bearer " + context.otherModelKey();
        } else if (roll < 88) {
            who = "no key";
            value = null;
        } else if (roll < 94) {
            who = "bad key";
            value = "Bearer tt_" + Long.toHexString(r.nextLong());
        } else {
            who = "broken Authorization";
            value = Hostile.pick(r, List.of("Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer ", "bearer " + context.adminKey(),
                    "Bearer  " + context.adminKey(), "Bearer " + context.adminKey() + " extra", "Token x", "Bearer " + "k".repeat(9000),
                    "Bearer " + Hostile.string(r), "\u00e9\u00e9"));
        }
        d.header("Authorization", value);
        d.labels.add("as " + who);
    }

    void apply(Random r, Draft d) {
        int roll = r.nextInt(d.body != null ? 100 : 60);
        if (roll < 10) {
            pathValue(r, d);
        } else if (roll < 15) {
            rawPath(r, d);
        } else if (roll < 25) {
            queryValue(r, d);
        } else if (roll < 30) {
            queryShape(r, d);
        } else if (roll < 37) {
            headers(r, d);
        } else if (roll < 42) {
            d.header("Accept", Hostile.accept(r));
            d.labels.add("accept " + d.header("Accept"));
        } else if (roll < 47) {
            method(r, d);
        } else if (roll < 52) {
            contentType(r, d);
        } else if (roll < 60) {
            d.body = d.body == null && r.nextBoolean() ? Hostile.randomBytes(r, 2048) : bodyBytes(r, d.body == null ? new byte[0] : d.body);
            d.labels.add("body bytes");
        } else {
            String type = d.header("Content-Type");
            if (type != null && type.contains("json") && !d.operation.path().endsWith("/rows") || r.nextInt(4) == 0) {
                jsonBody(r, d);
            } else {
                d.body = bodyBytes(r, d.body);
                d.labels.add("damaged body");
            }
        }
    }

    private void pathValue(Random r, Draft d) {
        if (d.pathValues.isEmpty()) {
            rawPath(r, d);
            return;
        }
        String name = Hostile.pick(r, new ArrayList<>(d.pathValues.keySet()));
        if (r.nextInt(4) == 0) {
            d.pathValues.put(name, Hostile.pick(r, List.of("..", "../..", "%2e%2e", "..%2F..%2Fetc", ".", "a%00b", "%", "%zz", "a/b", "",
                    "..;", "a;b=c", "%c0%ae%c0%ae")));
            d.rawPath = true;
        } else {
            d.pathValues.put(name, Hostile.string(r));
        }
        d.labels.add("path " + name);
    }

    private static void rawPath(Random r, Draft d) {
        String path = d.resolvedPath();
        d.path = switch (r.nextInt(9)) {
            case 0 -> path + "/";
            case 1 -> path.replaceFirst("/", "//");
            case 2 -> path + "/extra";
            case 3 -> path + "/..";
            case 4 -> path.toUpperCase(java.util.Locale.ROOT);
            case 5 -> "/v1/" + Draft.encode(Hostile.string(r));
            case 6 -> "/v2" + path.substring(3);
            case 7 -> path + "/%2e%2e/%2e%2e/q/" + Hostile.pick(r, List.of("metrics", "health/live", "openapi", "swagger-ui/", "nope"));
            default -> "/v1/models/" + "m".repeat(List.of(100, 2000, 5000, 20000).get(r.nextInt(4)));
        };
        d.labels.add("raw path");
    }

    private void queryValue(Random r, Draft d) {
        List<ApiOperation.Parameter> params = d.operation.in("query");
        if (params.isEmpty()) {
            queryShape(r, d);
            return;
        }
        ApiOperation.Parameter p = Hostile.pick(r, params);
        d.query.removeIf(q -> q.getKey().equals(p.name()));
        JsonNode wrong = values.wrongType(r, p.schema());
        String value = r.nextBoolean() ? Hostile.string(r) : wrong.isTextual() ? wrong.asText() : wrong.toString();
        String trimmed = value.trim();
        if ("wait".equals(p.name()) && !trimmed.isEmpty() && (Character.isDigit(trimmed.charAt(0)) || trimmed.startsWith("P"))) {
            value = "x" + value; // a valid long wait only makes a thread wait, it tests nothing
        }
        d.query.add(Map.entry(p.name(), value));
        d.labels.add("query " + p.name());
    }

    private static void queryShape(Random r, Draft d) {
        switch (r.nextInt(6)) {
            case 0 -> d.query.add(Map.entry("unknown", Hostile.string(r)));
            case 1 -> d.query.addAll(new ArrayList<>(d.query));
            case 2 -> d.query.clear();
            case 3 -> d.rawQuery = Hostile.pick(r, List.of("&&&", "=", "a", "a=%E0%A4", "a=%C0%AE", "%FF%FE=1", "a[]=1&a[x]=2", "==&==", ";;"));
            case 4 -> d.query.add(Map.entry(Hostile.string(r), "1"));
            default -> d.query.add(new java.util.AbstractMap.SimpleEntry<>("limit", null));
        }
        d.labels.add("query shape");
    }

    private static void headers(Random r, Draft d) {
        Map.Entry<String, String> h = Hostile.pick(r, List.of(
                Map.entry("Last-Event-ID", Hostile.string(r)), Map.entry("Range", Hostile.string(r)),
                Map.entry("Range", "bytes=" + Hostile.pick(r, List.of("0-", "-0", "5-1", "0-99999999999999999999", "a-b", "0-1,2-3"))),
                Map.entry("If-None-Match", Hostile.pick(r, List.of("*", "\"x\"", "W/\"x\"", "", "\"", Hostile.string(r)))),
                Map.entry("If-Modified-Since", "yesterday"), Map.entry("Content-Encoding", "gzip"),
                Map.entry("traceparent", Hostile.string(r)),
                Map.entry("traceparent", "00-" + "0".repeat(32) + "-" + "0".repeat(16) + "-01"), Map.entry("Idempotency-Key", Hostile.string(r)),
                Map.entry("X-Huge", "h".repeat(List.of(1000, 9000, 30000).get(r.nextInt(3)))), Map.entry("Accept-Charset", "EBCDIC"),
                Map.entry("Accept-Encoding", "gzip, br, zstd"), Map.entry("X-Forwarded-For", Hostile.string(r))));
        d.header(h.getKey(), h.getValue());
        d.labels.add("header " + h.getKey());
    }

    private static void method(Random r, Draft d) {
        d.method = Hostile.pick(r, METHODS);
        d.labels.add("method " + d.method);
    }

    private static void contentType(Random r, Draft d) {
        if (r.nextInt(4) == 0) {
            d.header("Content-Type", null);
            if (d.body == null) {
                d.body = "{}".getBytes(StandardCharsets.UTF_8);
            }
            d.labels.add("no Content-Type");
        } else {
            d.header("Content-Type", Hostile.mediaType(r));
            d.labels.add("Content-Type " + d.header("Content-Type"));
        }
    }

    private static byte[] bodyBytes(Random r, byte[] body) {
        return switch (r.nextInt(4)) {
            case 0 -> Hostile.randomBytes(r, 4096);
            case 1 -> new byte[0];
            default -> Hostile.damage(r, body);
        };
    }

    /** Structural mutations of a JSON body: wrong types, missing or extra fields, giant or odd text, broken syntax. */
    private void jsonBody(Random r, Draft d) {
        JsonNode body = parse(d.body);
        String label;
        byte[] out;
        switch (r.nextInt(12)) {
            case 0 -> {
                label = "wrong type";
                out = withField(r, body, (o, k) -> o.set(k, values.wrongType(r, RequestFactory.JSON.objectNode())));
            }
            case 1 -> {
                label = "missing field";
                out = withField(r, body, ObjectNode::remove);
            }
            case 2 -> {
                label = "extra field";
                out = body instanceof ObjectNode o ? RequestFactory.write(o.deepCopy().put(Hostile.string(r), 1)) : d.body;
            }
            case 3 -> {
                label = "huge string";
                String huge = "x".repeat(List.of(10_000, 300_000, 2_000_000).get(r.nextInt(3)));
                out = withField(r, body, (o, k) -> o.put(k, huge));
            }
            case 4 -> {
                label = "odd text";
                out = withField(r, body, (o, k) -> o.put(k, Hostile.randomText(r, 1 + r.nextInt(64))));
            }
            case 5 -> {
                label = "truncated";
                out = java.util.Arrays.copyOf(d.body == null ? new byte[0] : d.body, d.body == null || d.body.length == 0 ? 0 : r.nextInt(d.body.length));
            }
            case 6 -> {
                label = "duplicate keys";
                String text = new String(d.body == null ? "{}".getBytes() : d.body, StandardCharsets.UTF_8);
                out = text.startsWith("{\"") ? text.replaceFirst("\\{(\"[^\"]*\":)", "{$1 1, $1").getBytes(StandardCharsets.UTF_8)
                        : "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8);
            }
            case 7 -> {
                label = "deep nesting";
                int depth = List.of(100, 2_000, 100_000).get(r.nextInt(3));
                String open = r.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                out = (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
            }
            case 8 -> {
                label = "other root";
                out = Hostile.pick(r, List.of("[]", "null", "1", "\"s\"", "true", "[{}]", "{}", " ", "\uFEFF{}", "1e999999", "-",
                        "{\"function\":\"append\",\"args\":{\"table\":\"t\",\"rows\":[{\"n\":1e400}]}}", "{\"id\":\"\u0000\"}"))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 9 -> {
                label = "invalid UTF-8";
                out = Hostile.concat(d.body == null ? new byte[0] : d.body, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
                if (out.length > 2 && out[0] == '{') {
                    out = Hostile.concat("{\"\u00ff".getBytes(StandardCharsets.ISO_8859_1), new byte[] {(byte) 0xFE, '"', ':', '1', '}'});
                }
            }
            case 10 -> {
                label = "big numbers";
                out = withField(r, body, (o, k) -> o.set(k, RequestFactory.JSON.numberNode(new java.math.BigInteger("9".repeat(400)))));
            }
            default -> {
                label = "unknown nested field";
                out = withField(r, body, (o, k) -> o.set(k, RequestFactory.JSON.objectNode().set(Hostile.string(r),
                        RequestFactory.JSON.arrayNode().add(RequestFactory.JSON.objectNode()))));
            }
        }
        d.body = out;
        d.labels.add("json " + label);
    }

    private static byte[] withField(Random r, JsonNode body, java.util.function.BiConsumer<ObjectNode, String> change) {
        if (!(body instanceof ObjectNode o)) {
            ObjectNode fresh = RequestFactory.JSON.objectNode();
            change.accept(fresh, "x");
            return RequestFactory.write(fresh);
        }
        ObjectNode copy = o.deepCopy();
        ObjectNode target = copy;
        List<String> names = new ArrayList<>();
        copy.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) {
            names.add("x");
        }
        String name = Hostile.pick(r, names);
        if (target.get(name) instanceof ObjectNode inner && !inner.isEmpty() && r.nextBoolean()) {
            List<String> innerNames = new ArrayList<>();
            inner.fieldNames().forEachRemaining(innerNames::add);
            target = inner;
            name = Hostile.pick(r, innerNames);
        }
        change.accept(target, name);
        return RequestFactory.write(copy);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body == null ? RequestFactory.JSON.objectNode() : RequestFactory.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return RequestFactory.JSON.objectNode();
        }
    }
}
