package io.teatree.api.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Hostile values: strings that break parsers, paths, SQL, encodings and limits; odd media types and bytes. */
public final class Hostile {

    private static final List<String> STRINGS = List.of(
            "", " ", "  \t ", "..", ".", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "./x", "~/x",
            "a/../b", "%2e%2e%2f", "%00", "\u0000", "a\u0000b", "\r\nX-Injected: 1", "\n", "\u0007\u001b[31m",
            "' OR '1'='1", "\"; DROP TABLE teatree.models; --", "1; SELECT pg_sleep(5)", "%", "%%", "%zz", "+", "&", "=", "?", "#",
            "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "<script>alert(1)</script>", "☃", "\uD83D\uDE00", "\uFFFF", "\uFEFF", "\u202Eabc",
            "\u200B", "é", "SALES", "Sales", "sales_1", "-sales", "sales-", "xn--bcher-kva", "a.b", "*", "?", "[", "]", "{}", "[]",
            "null", "true", "false", "-1", "0", "-0", "1.5", "1e309", "NaN", "Infinity", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "99999999999999999999999999", "0x10", "00000000-0000-0000-0000-000000000000",
            "00000000-0000-0000-0000-00000000000g", "{00000000-0000-0000-0000-000000000000}", "00000000000000000000000000000000",
            "00000000-0000-0000-0000-0000000000000", "tt_0000", "Bearer", "*/*", "bytes=", "bytes=-", "bytes=0-0,1-1", "bytes=9-1",
            "PT-1S", "P1000000000D", "-5s", "1000000000m");

    private static final List<String> MEDIA_TYPES = List.of(
            "", "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
            "multipart/form-data; boundary=", "application/json; charset=utf-16", "application/json; charset=EBCDIC",
            "application/json;;;", "a/b/c", "/", "*/*", "application/*", "json", "text/csv; charset=nope", "application/octet-stream",
            "application/problem+json", "application/x-ndjson; q=0.5", "application/vnd.apache.arrow.file", "text/event-stream",
            "application/json, text/csv", "\u00e9/\u00e9", "application/json; boundary=\"");

    private static final List<String> ACCEPTS = List.of(
            "application/xml", "text/html", "image/png", "*/*;q=0", "application/json;q=0", "*/*;q=abc", "garbage", ";", "a/b/c",
            "text/event-stream", "application/octet-stream", "application/vnd.apache.arrow.stream", "text/csv", "text/plain",
            "application/x-ndjson", "application/problem+json", "application/json;q=0.1, text/csv;q=0.9", "*/*", "", "application/*");

    private Hostile() {
    }

    public static String string(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> "a".repeat(List.of(64, 300, 4_000, 70_000).get(r.nextInt(4)));
            case 1 -> randomText(r, 1 + r.nextInt(40));
            case 2 -> UUID.randomUUID().toString().toUpperCase() + (r.nextBoolean() ? "x" : "");
            default -> pick(r, STRINGS);
        };
    }

    /** Text of any code points: control characters, NUL, surrogates' neighbours, astral planes. */
    public static String randomText(Random r, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int c = switch (r.nextInt(5)) {
                case 0 -> r.nextInt(0x20);
                case 1 -> 0x20 + r.nextInt(0x5f);
                case 2 -> 0x80 + r.nextInt(0xD700);
                case 3 -> 0xE000 + r.nextInt(0x1FFF);
                default -> 0x10000 + r.nextInt(0x10000);
            };
            out.appendCodePoint(c);
        }
        return out.toString();
    }

    public static String mediaType(Random r) {
        return pick(r, MEDIA_TYPES);
    }

    public static String accept(Random r) {
        return pick(r, ACCEPTS);
    }

    public static byte[] randomBytes(Random r, int max) {
        byte[] bytes = new byte[r.nextInt(max + 1)];
        r.nextBytes(bytes);
        return bytes;
    }

    /** {@code body} damaged: cut short, bytes flipped, garbage appended or prefixed with another format's magic. */
    public static byte[] damage(Random r, byte[] body) {
        byte[] out = body.clone();
        switch (r.nextInt(5)) {
            case 0 -> out = java.util.Arrays.copyOf(out, out.length == 0 ? 0 : r.nextInt(out.length));
            case 1 -> {
                for (int i = 0; i < 1 + r.nextInt(8) && out.length > 0; i++) {
                    out[r.nextInt(out.length)] = (byte) r.nextInt(256);
                }
            }
            case 2 -> out = concat(out, randomBytes(r, 512));
            case 3 -> out = concat(List.of("ARROW1\0\0", "PAR1", "\uFEFF", "\u0000", "{", "[").get(r.nextInt(6))
                    .getBytes(StandardCharsets.UTF_8), out);
            default -> out = concat(out, out);
        }
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }
}
