package io.teatree.api.auth;

import io.teatree.functions.InvalidFieldException;
import io.teatree.protocol.ModelId;
import java.util.regex.Pattern;

/**
 * The models a key may touch: a glob over model ids where {@code *} matches any run of characters and
 * {@code ?} one character, e.g. {@code *}, {@code sales-*}, {@code a}.
 */
public record ModelPattern(String glob) {

    private static final Pattern GLOB = Pattern.compile("^[a-z0-9*?-]{1,63}$");

    public static final ModelPattern ALL = new ModelPattern("*");

    public ModelPattern {
        if (glob == null || !GLOB.matcher(glob).matches()) {
            throw new InvalidFieldException("modelPattern", "modelPattern must be 1 to 63 characters of a-z, 0-9, '-', '*' and '?'");
        }
    }

    public boolean matches(ModelId model) {
        return regex().matcher(model.value()).matches();
    }

    /** True when every model is allowed. */
    public boolean all() {
        return "*".equals(glob);
    }

    private Pattern regex() {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                case '-' -> sb.append("\\-");
                default -> sb.append(c);
            }
        }
        return Pattern.compile(sb.toString());
    }
}
