package io.teatree.api.auth;

import io.teatree.functions.InvalidFieldException;
import io.teatree.protocol.ModelId;

/**
 * The models a key may touch: a glob over model ids where {@code *} matches any run of characters and
 * {@code ?} one character, e.g. {@code *}, {@code sales-*}, {@code a}. At most {@value #MAX_LENGTH} characters.
 *
 * <p>Matching is the greedy two-pointer walk with one remembered star, never a regular expression: it takes at
 * most {@code (glob length + 1) × (id length + 1)} steps whatever the pattern (a backtracking regex of
 * {@code *-*-*-…-x} takes exponential time). Immutable and thread-safe.
 */
public record ModelPattern(String glob) {

    /** Longest pattern a key may have: the longest model id. */
    public static final int MAX_LENGTH = 63;

    public static final ModelPattern ALL = new ModelPattern("*");

    public ModelPattern {
        if (glob == null || glob.isEmpty() || glob.length() > MAX_LENGTH || !glob.chars().allMatch(ModelPattern::allowed)) {
            throw new InvalidFieldException("modelPattern",
                    "modelPattern must be 1 to " + MAX_LENGTH + " characters of a-z, 0-9, '-', '*' and '?'");
        }
    }

    public boolean matches(ModelId model) {
        return match(glob, model.value()).matched();
    }

    /** True when every model is allowed. */
    public boolean all() {
        return "*".equals(glob);
    }

    /** Whether {@code text} matches {@code glob}, and how many steps the walk took (for tests of its bound). */
    record Match(boolean matched, long steps) {
    }

    static Match match(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        long steps = 0;
        while (t < text.length()) {
            steps++;
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == text.charAt(t))) {
                g++;
                t++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                // remember the star; first try it as the empty run
                star = g++;
                resume = t;
            } else if (star >= 0) {
                // the last star swallows one more character; earlier stars never need to be revisited
                g = star + 1;
                t = ++resume;
            } else {
                return new Match(false, steps);
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            steps++;
            g++;
        }
        return new Match(g == glob.length(), steps);
    }

    private static boolean allowed(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '*' || c == '?';
    }
}
