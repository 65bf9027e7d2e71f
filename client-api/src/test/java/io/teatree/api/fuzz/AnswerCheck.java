package io.teatree.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The contract every answer keeps: never a 5xx, and every 4xx an {@code application/problem+json} problem whose
 * {@code type}, {@code title} and {@code status} are there, the status the HTTP one.
 */
public final class AnswerCheck {

    private AnswerCheck() {
    }

    /** What is wrong with the answer, if anything. */
    public static Optional<String> check(String method, int status, String contentType, byte[] body) {
        if (status >= 500) {
            return Optional.of("server error");
        }
        if (status < 400) {
            return Optional.empty();
        }
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/problem+json")) {
            return Optional.of("not problem+json (Content-Type: " + contentType + ")");
        }
        if ("HEAD".equals(method)) {
            return Optional.empty();
        }
        JsonNode problem;
        try {
            problem = RequestFactory.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return Optional.of("problem body is not JSON");
        }
        if (problem == null || !problem.isObject()) {
            return Optional.of("problem body is not an object");
        }
        if (!problem.path("type").isTextual() || problem.path("type").asText().isEmpty()) {
            return Optional.of("problem without type");
        }
        if (!problem.path("title").isTextual() || problem.path("title").asText().isEmpty()) {
            return Optional.of("problem without title");
        }
        if (!problem.path("status").isInt() || problem.path("status").asInt() != status) {
            return Optional.of("problem status " + problem.path("status") + " is not the HTTP status");
        }
        return Optional.empty();
    }

    static String excerpt(String contentType, byte[] body) {
        return "Content-Type " + contentType + ", " + FuzzRequest.excerpt(new String(body, StandardCharsets.UTF_8), 300);
    }
}
