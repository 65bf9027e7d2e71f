package io.teatree.functions;

import java.util.regex.Pattern;

/**
 * A kind of failure, with a stable slug, an HTTP status and a short title. The standard kinds are the
 * project's problem catalogue; a function adds its own through {@link TeatreeFunction#errorTypes()} (usually
 * an enum implementing this interface). Failures are recorded and answered as RFC 9457 problem details whose
 * {@code type} is {@value #BASE} followed by the slug.
 */
public interface ErrorType {

    /** The prefix of every problem {@code type} URI. */
    String BASE = "https://teatree.io/problems/";

    /** What a slug looks like: lower-case words joined by {@code -}, at most 64 characters. */
    Pattern SLUG = Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");

    /** The stable name of the kind, e.g. {@code unknown-table}; matches {@link #SLUG}. */
    String slug();

    /** The HTTP status that fits (intent failures are usually 422). */
    int status();

    /** A short summary of the kind, the same for every failure of it. */
    String title();

    /** The problem {@code type} URI: {@link #BASE} and the slug. */
    default String uri() {
        return BASE + slug();
    }
}
