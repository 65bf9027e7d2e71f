package io.teatree.functions.sandbox;

import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.sandbox.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into tokens the way DuckDB's scanner does for the constructs that matter to the guard:
 * single-quoted, escape ({@code E'..'}) and dollar-quoted strings, double-quoted identifiers, line comments,
 * parameters and pipeline placeholders. Block comments are refused rather than interpreted, so that the guard
 * and DuckDB can never disagree on where one ends. Stateless and thread-safe.
 */
public final class SqlTokenizer {

    private SqlTokenizer() {
    }

    /**
     * Tokenises {@code sql}.
     *
     * @throws InvalidFieldException naming {@code field} for an unterminated string, identifier or a block comment
     */
    public static List<SqlToken> tokenize(String sql, String field) {
        List<SqlToken> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                throw new InvalidFieldException(field, "block comments (/* ... */) are not allowed; use -- line comments");
            } else if ((c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                int end = quoted(sql, i + 1, '\'', true, field);
                tokens.add(new SqlToken(Kind.STRING, sql.substring(i, end), i));
                i = end;
            } else if (c == '\'') {
                int end = quoted(sql, i, '\'', false, field);
                tokens.add(new SqlToken(Kind.STRING, sql.substring(i, end), i));
                i = end;
            } else if (c == '"') {
                int end = quoted(sql, i, '"', false, field);
                tokens.add(new SqlToken(Kind.QUOTED_IDENTIFIER, sql.substring(i, end), i));
                i = end;
            } else if (c == '$') {
                i = dollar(sql, i, tokens, field);
            } else if (c == '?') {
                tokens.add(new SqlToken(Kind.PARAMETER, "?", i));
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_' || sql.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(new SqlToken(Kind.WORD, sql.substring(i, end), i));
                i = end;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.' || sql.charAt(end) == '_')) {
                    end++;
                }
                tokens.add(new SqlToken(Kind.NUMBER, sql.substring(i, end), i));
                i = end;
            } else {
                tokens.add(new SqlToken(Kind.SYMBOL, String.valueOf(c), i));
                i++;
            }
        }
        return tokens;
    }

    private static int quoted(String sql, int start, char quote, boolean backslashEscapes, String field) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new InvalidFieldException(field, "unterminated " + (quote == '"' ? "quoted identifier" : "string literal")
                + " starting at offset " + start);
    }

    /** {@code ${name}} placeholder, {@code $1} parameter or {@code $tag$...$tag$} string. */
    private static int dollar(String sql, int start, List<SqlToken> tokens, String field) {
        int n = sql.length();
        if (start + 1 < n && sql.charAt(start + 1) == '{') {
            int close = sql.indexOf('}', start);
            if (close < 0) {
                throw new InvalidFieldException(field, "unterminated placeholder starting at offset " + start);
            }
            tokens.add(new SqlToken(Kind.PLACEHOLDER, sql.substring(start, close + 1), start));
            return close + 1;
        }
        int i = start + 1;
        if (i < n && Character.isDigit(sql.charAt(i))) {
            while (i < n && Character.isDigit(sql.charAt(i))) {
                i++;
            }
            tokens.add(new SqlToken(Kind.PARAMETER, sql.substring(start, i), start));
            return i;
        }
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        if (i < n && sql.charAt(i) == '$') {
            String tag = sql.substring(start, i + 1);
            int end = sql.indexOf(tag, i + 1);
            if (end < 0) {
                throw new InvalidFieldException(field, "unterminated dollar-quoted string starting at offset " + start);
            }
            tokens.add(new SqlToken(Kind.STRING, sql.substring(start, end + tag.length()), start));
            return end + tag.length();
        }
        tokens.add(new SqlToken(Kind.PARAMETER, sql.substring(start, i), start));
        return i;
    }
}
