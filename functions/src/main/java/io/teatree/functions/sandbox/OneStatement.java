package io.teatree.functions.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.InvalidFieldException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exactly one SQL statement, as DuckDB's own parser splits and classifies it (never a hand tokenizer).
 *
 * <p>How DuckDB is made to tell: the text must parse on its own, and it must also parse as the body of a CTE,
 * {@code WITH p AS (\n<text>\n) SELECT 1}. DuckDB's grammar accepts any statement as a CTE body and only then
 * refuses the kinds that cannot be one, while a {@code ;} that separates statements is a syntax error inside
 * the parentheses. So a text that passes both is one statement, whatever its quoting, comments or unicode.
 * Queries, INSERT, UPDATE, DELETE and COPY TO come back as DuckDB's parse tree; for every other statement
 * the kind is read from {@code PREPARE p AS <text>}, which DuckDB refuses naming the statement type.
 *
 * @param kind  {@code SELECT}, {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code COPY}, or DuckDB's statement
 *              type for the others ({@code CREATE}, {@code ALTER}, {@code DROP}, {@code TRANSACTION}, {@code SET}, ...)
 * @param tree  DuckDB's query node for the first five kinds, null for the others
 * @param text  the statement to run: the given text without trailing {@code ;}
 */
record OneStatement(String kind, JsonNode tree, String text) {

    private static final Pattern NOT_PREPARABLE = Pattern.compile("^([A-Z_]+?)_STATEMENT is not a preparable statement");

    /**
     * Parses {@code sql} with DuckDB.
     *
     * @throws InvalidFieldException naming {@code field} when it does not parse, or is not exactly one statement
     */
    static OneStatement of(String sql, String field) {
        String text = withoutTrailingSemicolons(sql);
        if (text.isBlank()) {
            throw new InvalidFieldException(field, "SQL must not be empty");
        }
        DuckDbParser.Parsed alone = DuckDbParser.parse(text);
        if (!alone.grammatical()) {
            throw new InvalidFieldException(field, "SQL does not parse: " + firstLine(alone.errorMessage()));
        }
        if (alone.ok() && alone.statements().size() != 1) {
            throw new InvalidFieldException(field, "one statement per string, found " + alone.statements().size());
        }
        DuckDbParser.Parsed body = DuckDbParser.parse("WITH p AS (\n" + text + "\n) SELECT 1");
        if (!body.grammatical() || (body.ok() && body.statements().size() != 1)) {
            throw new InvalidFieldException(field, "one statement per string: DuckDB reads more than one statement here");
        }
        if (body.ok()) {
            JsonNode node = body.statements().get(0).path("node").path("cte_map").path("map").path(0).path("value").path("query_node");
            String type = node.path("type").asText("");
            return new OneStatement(kindOf(type), node, text);
        }
        DuckDbParser.Parsed prepared = DuckDbParser.parse("PREPARE p AS\n" + text);
        Matcher m = NOT_PREPARABLE.matcher(prepared.errorMessage() == null ? "" : prepared.errorMessage());
        if (m.find()) {
            return new OneStatement(m.group(1), null, text);
        }
        throw new InvalidFieldException(field, "this statement cannot be checked and is not allowed: " + firstLine(body.errorMessage()));
    }

    boolean hasTree() {
        return tree != null;
    }

    private static String kindOf(String nodeType) {
        return switch (nodeType) {
            case "INSERT_QUERY_NODE" -> "INSERT";
            case "UPDATE_QUERY_NODE" -> "UPDATE";
            case "DELETE_QUERY_NODE" -> "DELETE";
            case "COPY_QUERY_NODE" -> "COPY";
            default -> "SELECT";
        };
    }

    /**
     * The text without trailing white space and {@code ;}. Safe to cut textually: a trailing {@code ;} ends a
     * statement or sits in a line comment; a string or quoted name cannot end on one.
     */
    static String withoutTrailingSemicolons(String sql) {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
