package io.teatree.functions.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.sandbox.SqlToken.Kind;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks user SQL before it reaches a model connection. Two layers: a keyword and function check on the
 * tokenised text ({@link SqlTokenizer}), and DuckDB's own parser ({@code json_serialize_sql}) whose statement
 * tree is walked for table functions, file references and function calls. The locked connection
 * ({@link Sandbox#lock}) is the third layer: it refuses file access and setting changes even if both
 * checks were bypassed. Stateless and thread-safe.
 *
 * <p>Every refusal is an {@link InvalidFieldException} naming the field the SQL came from, with the reason.
 */
public final class SqlGuard {

    /** The query nodes a read-only statement may hold; a data-modifying CTE shows up as e.g. {@code DELETE_QUERY_NODE}. */
    private static final Set<String> READ_NODES = Set.of("SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE");

    private SqlGuard() {
    }

    /**
     * Checks one DDL, DML or query statement for the {@code sql} function.
     *
     * @throws InvalidFieldException naming {@code field} when the statement is refused
     */
    public static void check(String sql, String field) {
        commonChecks(sql, field, GuardRules.WRITE_STATEMENTS, "this kind of statement is not allowed");
        DuckDbParser.Parsed parsed = DuckDbParser.parse(sql);
        if (parsed.ok()) {
            checkTree(parsed.statements(), field);
        } else if (!parsed.notSelect()) {
            throw new InvalidFieldException(field, "SQL does not parse: " + firstLine(parsed.errorMessage()));
        }
    }

    /** Checks a read-only query sent to the query endpoint (field {@code sql}). */
    public static void checkReadOnly(String sql) {
        checkReadOnly(sql, "sql");
    }

    /**
     * Checks that {@code sql} is exactly one query that reads only tables: no writes, no files, no settings.
     *
     * @throws InvalidFieldException naming {@code field} when it is refused
     */
    public static void checkReadOnly(String sql, String field) {
        commonChecks(sql, field, GuardRules.READ_STATEMENTS, "only queries (SELECT) are allowed here");
        DuckDbParser.Parsed parsed = DuckDbParser.parse(sql);
        if (parsed.notSelect()) {
            throw new InvalidFieldException(field, "only queries (SELECT) are allowed here");
        }
        if (!parsed.ok()) {
            throw new InvalidFieldException(field, "SQL does not parse: " + firstLine(parsed.errorMessage()));
        }
        checkTree(parsed.statements(), field);
        refuseWrites(parsed.statements(), field);
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
        List<SqlToken> tokens = commonChecks(predicate, field, null, null);
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

    /** Token checks; when {@code statements} is given, the first keyword must be one of them. */
    private static List<SqlToken> commonChecks(String sql, String field, java.util.Set<String> statements, String otherwise) {
        if (sql == null || sql.isBlank()) {
            throw new InvalidFieldException(field, "SQL must not be empty");
        }
        List<SqlToken> tokens = SqlTokenizer.tokenize(sql, field);
        if (statements != null) {
            String first = firstKeyword(tokens);
            if (!statements.contains(first)) {
                String why = GuardRules.REFUSED_STATEMENTS.getOrDefault(first, GuardRules.DENIED_WORDS.getOrDefault(first, otherwise));
                throw new InvalidFieldException(field, first + " is refused: " + why);
            }
        }
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

    private static String firstKeyword(List<SqlToken> tokens) {
        for (SqlToken token : tokens) {
            if (!token.isSymbol("(")) {
                return token.upper();
            }
        }
        return "";
    }

    /** Walks DuckDB's statement tree: exactly one statement, no table functions on files, no file scans. */
    private static void checkTree(JsonNode statements, String field) {
        if (statements.size() != 1) {
            throw new InvalidFieldException(field, "one statement per string, found " + statements.size());
        }
        walk(statements, field);
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
        if ("BASE_TABLE".equals(type)) {
            String table = node.path("table_name").asText("");
            if (GuardRules.looksLikeFile(table)) {
                throw new InvalidFieldException(field, "reading a file ('" + table + "') is not allowed: name a table");
            }
            for (String part : List.of(table, node.path("schema_name").asText(""), node.path("catalog_name").asText(""))) {
                if (GuardRules.isReserved(part)) {
                    throw new InvalidFieldException(field, "'" + part + "' is reserved for the db-manager");
                }
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

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
