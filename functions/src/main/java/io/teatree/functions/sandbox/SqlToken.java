package io.teatree.functions.sandbox;

import java.util.Locale;

/**
 * One token of a SQL text as {@link SqlTokenizer} sees it.
 *
 * @param kind   what the token is
 * @param text   the token as written (a string literal keeps its quotes)
 * @param offset where it starts in the text
 */
public record SqlToken(Kind kind, String text, int offset) {

    /** Token kinds; comments and white space produce no token. */
    public enum Kind {
        /** A bare word: keyword, function or unquoted identifier. */
        WORD,
        /** A double-quoted identifier. */
        QUOTED_IDENTIFIER,
        /** A string literal ({@code '...'}, {@code E'...'}, {@code $$...$$}). */
        STRING,
        NUMBER,
        /** A positional parameter {@code ?} or {@code $1}. */
        PARAMETER,
        /** A pipeline placeholder {@code ${name}}. */
        PLACEHOLDER,
        /** Any operator or punctuation, one character ({@code (}, {@code ;}, {@code ,}, ...). */
        SYMBOL
    }

    /** The upper-cased text of a word, or the text of any other token. */
    public String upper() {
        return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : text;
    }

    public boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** The identifier this token names (unquoted), for words and quoted identifiers. */
    public String identifier() {
        return kind == Kind.QUOTED_IDENTIFIER ? text.substring(1, text.length() - 1).replace("\"\"", "\"") : text;
    }
}
