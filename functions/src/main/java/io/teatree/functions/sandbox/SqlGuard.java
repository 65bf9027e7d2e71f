package io.teatree.functions.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.sandbox.SqlToken.Kind;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks user SQL before it reaches a model connection. DuckDB's own parser decides that a text is exactly one
 * statement and of which kind ({@link OneStatement}), and its statement tree is walked for reserved names, table
 * functions, file references and function calls; a keyword check on the tokenised text ({@link SqlTokenizer})
 * stays in front as defence in depth. The locked connection
 * ({@link Sandbox#lock}) is the third layer: it refuses file access and setting changes even if both
 * checks were bypassed. Stateless and thread-safe.
 *
 * <p>Every refusal is an {@link InvalidFieldException} naming the field the SQL came from, with the reason.
 */
public final class SqlGuard {

    /** The query nodes a read-only statement may hold; a data-modifying CTE shows up as e.g. {@code DELETE_QUERY_NODE}. */
    private static final Set<String> READ_NODES = Set.of("SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE");

    /** The longest SQL text the guard reads, in characters; longer texts are refused before parsing. */
    public static final int MAX_SQL_CHARS = 1 << 20;

    private SqlGuard() {
    }

    /**
     * Checks one DDL, DML or query statement for the {@code sql} function.
     *
     * @return the statement to run (the text without trailing {@code ;}): exactly what was checked
     * @throws InvalidFieldException naming {@code field} when the statement is refused
     */
    public static String check(String sql, String field) {
        commonChecks(sql, field);
        OneStatement statement = OneStatement.of(sql, field);
        if (!GuardRules.WRITE_KINDS.contains(statement.kind())) {
            throw new InvalidFieldException(field, statement.kind() + " is refused: " + GuardRules.refusedKind(statement.kind()));
        }
        if (statement.hasTree()) {
            walk(statement.tree(), field);
        }
        return statement.text();
    }

    /** Checks a read-only query sent to the query endpoint (field {@code sql}); returns the query to run. */
    public static String checkReadOnly(String sql) {
        return checkReadOnly(sql, "sql");
    }

    /**
     * Checks that {@code sql} is exactly one query that reads only tables: no writes, no files, no settings.
     *
     * @return the query to run (the text without trailing {@code ;})
     * @throws InvalidFieldException naming {@code field} when it is refused
     */
    public static String checkReadOnly(String sql, String field) {
        commonChecks(sql, field);
        OneStatement statement = OneStatement.of(sql, field);
        if (!"SELECT".equals(statement.kind())) {
            throw new InvalidFieldException(field, "only queries (SELECT) are allowed here, not " + statement.kind());
        }
        walk(statement.tree(), field);
        refuseWrites(statement.tree(), field);
        return statement.text();
    }

    /**
     * A macro named like a built-in function would take its place in every later query, the db-manager's own
     * included ({@code CREATE MACRO hash(x) AS 42}): refused.
     */
    private static void refuseShadowing(List<SqlToken> tokens, int from, String field) {
        String bare = null;
        for (int j = from; j < tokens.size(); j++) {
            SqlToken t = tokens.get(j);
            if (t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENTIFIER) {
                bare = t.identifier();
            } else if (!t.isSymbol(".")) {
                break;
            }
        }
        if (bare != null && DuckDbParser.isBuiltinFunction(bare)) {
            throw new InvalidFieldException(field, "a macro cannot be named " + bare + ": that is a built-in function");
        }
    }

    /** Refuses any query node that writes, wherever DuckDB's parse tree has it (CTEs and subqueries included). */
    private static void refuseWrites(JsonNode node, String field) {
        String type = node.path("type").asText("");
        if (node.isObject() && type.endsWith("_NODE") && !READ_NODES.contains(type)) {
            String kind = type.replace("_QUERY_NODE", "").replace("_NODE", "");
            throw new InvalidFieldException(field, kind + " inside a query is not allowed: only reads are allowed here");
        }
        for (JsonNode child : node) {
            refuseWrites(child, field);
        }
    }

    /**
     * Checks a boolean predicate used as {@code WHERE (predicate)} with {@code ?} parameters, such as the
     * {@code where} of {@code delete}.
     *
     * @return the number of {@code ?} parameters the predicate uses
     */
    public static int checkPredicate(String predicate, String field) {
        List<SqlToken> tokens = commonChecks(predicate, field);
        int depth = 0;
        int parameters = 0;
        for (SqlToken token : tokens) {
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")") && --depth < 0) {
                throw new InvalidFieldException(field, "unbalanced ')' at offset " + token.offset());
            } else if (token.isSymbol(";")) {
                throw new InvalidFieldException(field, "a predicate cannot contain ';'");
            } else if (token.kind() == Kind.PARAMETER) {
                if (!token.text().equals("?")) {
                    throw new InvalidFieldException(field, "use ? for parameters, not " + token.text());
                }
                parameters++;
            }
        }
        if (depth != 0) {
            throw new InvalidFieldException(field, "unbalanced '(' in predicate");
        }
        checkReadOnly("SELECT 1 WHERE (" + predicate + ")", field);
        return parameters;
    }

    /**
     * The token layer, kept as defence in depth in front of DuckDB's parser: refused words, reserved names
     * and file reads wherever they appear (DDL bodies, which DuckDB does not serialise, are checked only here
     * and by the db-manager's check that its own state is unchanged after user code).
     */
    private static List<SqlToken> commonChecks(String sql, String field) {
        if (sql == null || sql.isBlank()) {
            throw new InvalidFieldException(field, "SQL must not be empty");
        }
        if (sql.length() > MAX_SQL_CHARS) {
            throw new InvalidFieldException(field, "SQL is " + sql.length() + " characters long; at most " + MAX_SQL_CHARS + " are allowed");
        }
        List<SqlToken> tokens = SqlTokenizer.tokenize(sql, field);
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.isSymbol(";") && tokens.subList(i + 1, tokens.size()).stream().anyMatch(t -> !t.isSymbol(";"))) {
                throw new InvalidFieldException(field, "one statement per string: found ';' followed by another statement at offset " + token.offset());
            }
            String why = token.kind() == Kind.WORD ? GuardRules.DENIED_WORDS.get(token.upper()) : null;
            if (why != null) {
                throw new InvalidFieldException(field, token.upper() + " is refused: " + why);
            }
            boolean name = token.kind() == Kind.WORD || token.kind() == Kind.QUOTED_IDENTIFIER;
            if (name && GuardRules.isReserved(token.identifier())) {
                throw new InvalidFieldException(field, "'" + token.identifier() + "' is reserved for the db-manager");
            }
            if ((token.isWord("MACRO") || token.isWord("FUNCTION")) && tokens.stream().anyMatch(t -> t.isWord("CREATE"))) {
                refuseShadowing(tokens, i + 1, field);
            }
            if (name && i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(")) {
                GuardRules.deniedFunction(token.identifier()).ifPresent(reason -> {
                    throw new InvalidFieldException(field, reason);
                });
            }
            if (token.kind() == Kind.STRING && i > 0 && (tokens.get(i - 1).isWord("FROM") || tokens.get(i - 1).isWord("JOIN"))) {
                throw new InvalidFieldException(field, "reading a file (" + token.text() + ") is not allowed: name a table");
            }
        }
        return tokens;
    }

    private static void walk(JsonNode node, String field) {
        if (node.isArray()) {
            for (JsonNode child : node) {
                walk(child, field);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String type = node.path("type").asText("");
        if ("BASE_TABLE".equals(type) && GuardRules.looksLikeFile(node.path("table_name").asText(""))) {
            throw new InvalidFieldException(field, "reading a file ('" + node.path("table_name").asText("") + "') is not allowed: name a table");
        }
        for (String key : List.of("table_name", "schema_name", "catalog_name", "table", "schema", "catalog")) {
            String part = node.path(key).isTextual() ? node.path(key).asText() : "";
            if (GuardRules.isReserved(part)) {
                throw new InvalidFieldException(field, "'" + part + "' is reserved for the db-manager");
            }
        }
        if ("FUNCTION".equals(node.path("class").asText("")) || "FUNCTION".equals(type)) {
            GuardRules.deniedFunction(node.path("function_name").asText("")).ifPresent(reason -> {
                throw new InvalidFieldException(field, reason);
            });
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            walk(fields.next().getValue(), field);
        }
    }

}
