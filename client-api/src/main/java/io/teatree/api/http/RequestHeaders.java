package io.teatree.api.http;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Small readings of request headers shared by the resources. */
public final class RequestHeaders {

    private RequestHeaders() {
    }

    /** The client's W3C trace context headers, carried on the NATS message when tracing is off. */
    public static Map<String, String> trace(HttpHeaders headers) {
        Map<String, String> trace = new LinkedHashMap<>();
        for (String name : new String[] {"traceparent", "tracestate"}) {
            String value = headers.getHeaderString(name);
            if (value != null && !value.isBlank()) {
                trace.put(name, value);
            }
        }
        return trace;
    }

    /** The request's {@code Content-Length}; empty when absent or not a number. */
    public static OptionalLong contentLength(HttpHeaders headers) {
        String value = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
