package io.teatree.api.problem;

import io.teatree.protocol.Problem;
import io.teatree.protocol.ProblemType;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks of a request's head made before any route runs ({@link HttpEdges}), so that what the REST layer would
 * fail on with an exception of its own (a 500) or Vert.x with a bare status line is a 400 problem instead:
 * <ul>
 * <li>a request target over {@link #MAX_TARGET} characters, headers over {@link #MAX_HEADERS} bytes. Vert.x' own
 * limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set far above these,
 * because what Vert.x refuses itself gets a bare 414 or 431 without a body; they only guard against absurd sizes;</li>
 * <li>a {@code Content-Type} or an element of {@code Accept} that does not parse as a media type. Empty elements
 * of {@code Accept} are dropped, as RFC 9110 (5.6.1) asks of recipients; an {@code Accept} of none is removed;</li>
 * <li>for {@code /q/metrics}, a method other than GET or HEAD (405) or an {@code Accept} of neither text nor
 * OpenMetrics (406): the metrics route refuses those itself with a bare status line, on a router of its own.</li>
 * </ul>
 * Runs on the event loop; cheap.
 */
final class RequestHeads {

    /** Longest request target (path and query) answered; the HTTP semantics RFC recommends at least 8000. */
    static final int MAX_TARGET = 16 * 1024;

    /** Largest header block (names, values and separators) answered; Vert.x' own default was 20K. */
    static final int MAX_HEADERS = 20 * 1024;

    private RequestHeads() {
    }

    private static final List<MediaType> METRICS_TYPES = List.of(MediaType.TEXT_PLAIN_TYPE,
            new MediaType("application", "openmetrics-text"));

    /** The problem the request's head makes, or null when it is fine (after tidying {@code Accept}). */
    static Problem check(HttpServerRequest request, String normalizedPath) {
        Problem problem = check(request);
        if (problem == null && (normalizedPath.equals("/q/metrics") || normalizedPath.startsWith("/q/metrics/"))) {
            return metrics(request);
        }
        return problem;
    }

    private static Problem metrics(HttpServerRequest request) {
        String method = request.method().name();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Problem.of(ProblemType.METHOD_NOT_ALLOWED, "the metrics answer GET only", null);
        }
        List<String> accept = request.headers().getAll("Accept");
        if (accept.isEmpty()) {
            return null;
        }
        for (String value : accept) {
            for (String element : value.split(",")) {
                MediaType type = MediaType.valueOf(element.trim());
                if (!"0".equals(type.getParameters().get("q")) && METRICS_TYPES.stream().anyMatch(type::isCompatible)) {
                    return null;
                }
            }
        }
        return Problem.of(ProblemType.NOT_ACCEPTABLE, "the metrics are text/plain or application/openmetrics-text", "Accept");
    }

    static Problem check(HttpServerRequest request) {
        if (request.uri().length() > MAX_TARGET) {
            return Problem.of(ProblemType.BAD_REQUEST, "the request target is longer than " + MAX_TARGET + " characters", null);
        }
        long total = 0;
        String largest = null;
        int largestSize = -1;
        for (var header : request.headers()) {
            int size = header.getKey().length() + header.getValue().length() + 4;
            total += size;
            if (size > largestSize) {
                largestSize = size;
                largest = header.getKey();
            }
        }
        if (total > MAX_HEADERS) {
            return Problem.of(ProblemType.BAD_REQUEST, "the request headers are larger than " + MAX_HEADERS + " bytes", largest);
        }
        for (String contentType : request.headers().getAll("Content-Type")) {
            if (!parses(contentType)) {
                return Problem.of(ProblemType.INVALID_FIELD, "Content-Type '" + contentType + "' is not a media type", "Content-Type");
            }
        }
        return accept(request);
    }

    private static Problem accept(HttpServerRequest request) {
        List<String> values = request.headers().getAll("Accept");
        if (values.isEmpty()) {
            return null;
        }
        List<String> elements = new ArrayList<>();
        boolean dropped = false;
        for (String value : values) {
            for (String element : value.split(",")) {
                String type = element.trim();
                if (type.isEmpty()) {
                    dropped = true;
                    continue;
                }
                if (!parses(type) || !validWeight(type)) {
                    return Problem.of(ProblemType.INVALID_FIELD, "Accept holds '" + type + "', which is not a media type", "Accept");
                }
                elements.add(type);
            }
        }
        if (elements.isEmpty()) {
            request.headers().remove("Accept");
        } else if (dropped) {
            request.headers().set("Accept", String.join(", ", elements));
        }
        return null;
    }

    /** Whether a {@code q} parameter, if any, is a weight from 0 to 1. */
    private static boolean validWeight(String type) {
        String q = MediaType.valueOf(type).getParameters().get("q");
        if (q == null) {
            return true;
        }
        try {
            float weight = Float.parseFloat(q);
            return weight >= 0 && weight <= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether the REST layer's own parser ({@link MediaType#valueOf}) takes {@code value}. */
    private static boolean parses(String value) {
        try {
            MediaType type = MediaType.valueOf(value.trim());
            return type != null && !type.getType().isEmpty() && !type.getSubtype().isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
