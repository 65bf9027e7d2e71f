package io.teatree.api.http;

import io.teatree.api.problem.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads {@code application/x-www-form-urlencoded} bodies within a byte limit, so a huge form is refused (413)
 * instead of buffered whole the way form parameters are. Later duplicates of a field win.
 */
public final class FormBodies {

    private FormBodies() {
    }

    /** The form's fields; over {@code maxBytes} is 413 naming {@code field}, undecodable text 400. */
    public static Map<String, String> read(InputStream body, OptionalLong contentLength, long maxBytes, String field) {
        if (contentLength.isPresent() && contentLength.getAsLong() > maxBytes) {
            throw Problems.tooLarge(maxBytes, field);
        }
        String text;
        try (InputStream in = new LimitedInputStream(body, maxBytes)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (BodyTooLargeException e) {
            throw Problems.tooLarge(maxBytes, field);
        } catch (IOException e) {
            throw Problems.invalidField("body", "the request body could not be read");
        }
        Map<String, String> fields = new HashMap<>();
        try {
            for (String pair : text.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    fields.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField("body", "the form is not valid application/x-www-form-urlencoded: " + e.getMessage());
        }
        return fields;
    }
}
