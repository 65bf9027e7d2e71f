package io.teatree.api.problem;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes server paths out of error text before it reaches a client: DuckDB, S3 and JDBC messages name files
 * such as {@code /tmp/teatree-versions/sales/v3.duckdb} or {@code .teatree/models/...}. Quoted paths (with
 * spaces too), bare absolute or home-relative paths and any word naming a {@code .duckdb} file or a
 * {@code .teatree} directory become {@code <path>}. API routes ({@code /v1/...}, {@code /q/...}) and URLs'
 * paths after a host stay. Stateless, thread-safe.
 */
public final class Redaction {

    public static final String PATH = "<path>";

    private static final Pattern QUOTED = Pattern.compile("([\"'`])(?:[A-Za-z]:\\\\|~?/|\\.{1,2}/)(?!v1/|q/)[^\"'`\\n]*\\1");
    private static final Pattern BARE = Pattern.compile("(?<![\\w/:.~\\\\-])(?:[A-Za-z]:\\\\|~/|\\.{1,2}/|/)(?!v1/|q/)[\\w.~@%+=-]+(?:[/\\\\][\\w.~@%+=-]*)*");
    /** A word: a run without spaces or quotes. A word naming a file ({@link #NAMED}) is replaced whole. */
    private static final Pattern WORD = Pattern.compile("[^\\s\"'`]++");
    private static final Pattern NAMED = Pattern.compile("\\.duckdb|\\.teatree[/\\\\]");

    private Redaction() {
    }

    /** {@code text} with every path-looking part replaced by {@code <path>}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = replace(QUOTED, text, m -> m.group(1) + PATH + m.group(1));
        // word by word rather than one pattern around the name, which backtracks quadratically on a long word
        out = replace(WORD, out, m -> NAMED.matcher(m.group()).find() ? PATH : m.group());
        return replace(BARE, out, m -> PATH);
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = pattern.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
