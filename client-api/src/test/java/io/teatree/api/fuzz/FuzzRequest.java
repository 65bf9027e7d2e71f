package io.teatree.api.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One generated request, self-contained so a failure can be printed and replayed: {@code target} is the path and
 * query exactly as sent (already percent-encoded); {@code number} with the run's seed regenerates it.
 */
public record FuzzRequest(long number, ApiOperation operation, String method, String target, List<Map.Entry<String, String>> headers,
                          byte[] body, String mutation) {

    private static final int EXCERPT = 400;

    /** How to send it again by hand: method, target, headers, an excerpt of the body (escaped). */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("request #").append(number).append(" (").append(mutation).append(")\n  ").append(method).append(' ').append(target);
        headers.forEach(h -> out.append("\n  ").append(h.getKey()).append(": ").append(excerpt(h.getValue(), 200)));
        if (body != null) {
            out.append("\n  body (").append(body.length).append(" bytes): ")
                    .append(excerpt(new String(body, 0, Math.min(body.length, EXCERPT * 4), StandardCharsets.UTF_8), EXCERPT));
        }
        return out.toString();
    }

    static String excerpt(String text, int max) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(max).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (text.codePointCount(0, text.length()) > max) {
            out.append("… [").append(text.length()).append(" chars]");
        }
        return out.toString();
    }
}
