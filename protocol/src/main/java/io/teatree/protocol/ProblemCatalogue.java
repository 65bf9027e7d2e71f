package io.teatree.protocol;

import io.teatree.functions.ErrorType;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every kind of failure a process can record or answer: the standard {@link ProblemType}s and the kinds its
 * functions declare. Refuses a kind whose slug is malformed or already taken, so a slug means one thing
 * everywhere. Immutable and thread-safe.
 */
public final class ProblemCatalogue {

    private final Map<String, ErrorType> bySlug;

    private ProblemCatalogue(Map<String, ErrorType> bySlug) {
        this.bySlug = Collections.unmodifiableMap(bySlug);
    }

    /** The standard kinds and {@code declared} (the kinds functions add); an error on a bad or taken slug. */
    public static ProblemCatalogue with(Collection<? extends ErrorType> declared) {
        Map<String, ErrorType> bySlug = new LinkedHashMap<>();
        for (ProblemType type : ProblemType.values()) {
            bySlug.put(type.slug(), type);
        }
        for (ErrorType type : declared) {
            if (type.slug() == null || !ErrorType.SLUG.matcher(type.slug()).matches() || type.slug().length() > 64) {
                throw new IllegalStateException("error type slug '" + type.slug() + "' of " + type.getClass().getName()
                        + " is not lower-case words joined by '-'");
            }
            if (type.status() < 400 || type.status() > 599) {
                throw new IllegalStateException("error type '" + type.slug() + "' has status " + type.status() + ", not 4xx or 5xx");
            }
            ErrorType previous = bySlug.putIfAbsent(type.slug(), type);
            if (previous != null && previous != type) {
                throw new IllegalStateException("error type slug '" + type.slug() + "' of " + type.getClass().getName()
                        + " is taken by " + previous.getClass().getName());
            }
        }
        return new ProblemCatalogue(bySlug);
    }

    public Collection<ErrorType> all() {
        return bySlug.values();
    }

    /** Whether {@code type} is a kind of this catalogue. */
    public boolean contains(ErrorType type) {
        return bySlug.get(type.slug()) == type;
    }
}
