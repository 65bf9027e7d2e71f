package io.teatree.api.http;

import io.teatree.api.problem.Problems;
import io.teatree.protocol.ModelId;
import java.util.Optional;

/** Validation of query parameters (paging cursors, page sizes, stream positions), naming the parameter in the 400. */
public final class QueryParams {

    private static final int MAX_DIGITS = 19;

    private QueryParams() {
    }

    /** A page size: {@code defaultValue} when absent, otherwise a whole number in {@code [1, max]}. */
    public static int pageSize(String value, String name, int defaultValue, int max) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        long n = number(value, name, "a whole number from 1 to " + max);
        if (n < 1 || n > max) {
            throw Problems.invalidField(name, name + " must be a whole number from 1 to " + max);
        }
        return (int) n;
    }

    /** A model-id cursor ({@code after}): empty when absent, 400 when it is not a model id. */
    public static Optional<ModelId> modelCursor(String value, String name) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (!ModelId.isValid(value)) {
            throw Problems.invalidField(name, name + " must be a model id (a DNS label), as in the 'next' of the previous page");
        }
        return Optional.of(ModelId.of(value));
    }

    /** A non-negative whole number at most {@code max}, e.g. a stream sequence; 400 naming {@code name} otherwise. */
    public static long bounded(String value, String name, long max) {
        long n = number(value, name, "a whole number from 0 to " + max);
        if (n < 0 || n > max) {
            throw Problems.invalidField(name, name + " must be a whole number from 0 to " + max);
        }
        return n;
    }

    private static long number(String value, String name, String expected) {
        String digits = value.trim();
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Problems.invalidField(name, name + " must be " + expected);
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            // 19 digits can still be over Long.MAX_VALUE
            throw Problems.invalidField(name, name + " must be " + expected);
        }
    }
}
