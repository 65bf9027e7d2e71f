package io.teatree.functions.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the guard refuses, with the reason it gives (each reason written once). Constants and pure lookups only. */
final class GuardRules {

    /** Statement keywords refused wherever they appear as a bare word. */
    static final Map<String, String> DENIED_WORDS = byKeyword(
            refused("attaching databases is not allowed", "ATTACH"),
            refused("detaching databases is not allowed", "DETACH"),
            refused("installing extensions is not allowed", "INSTALL"),
            refused("PRAGMA statements are not allowed", "PRAGMA"),
            refused("COPY reads or writes files and is not allowed", "COPY"),
            refused("CHECKPOINT is run by the db-manager only", "CHECKPOINT"),
            refused("secrets are not allowed", "SECRET"));

    /** Statement kinds, by first keyword, that a read-only query may be. */
    static final Set<String> READ_STATEMENTS = Set.of("SELECT", "WITH", "FROM", "VALUES", "TABLE", "DESCRIBE", "SHOW", "SUMMARIZE");

    /** Statement kinds, by first keyword, that user SQL may run through the {@code sql} function: queries, DDL and DML. */
    static final Set<String> WRITE_STATEMENTS = Stream.concat(READ_STATEMENTS.stream(),
            Stream.of("CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "COMMENT")).collect(Collectors.toUnmodifiableSet());

    /** Why a first keyword is refused, for the statements users try most. */
    static final Map<String, String> REFUSED_STATEMENTS = byKeyword(
            refused("loading extensions is not allowed", "LOAD"),
            refused("changing settings is not allowed", "SET", "RESET"),
            refused("EXPORT DATABASE writes files and is not allowed", "EXPORT"),
            refused("IMPORT DATABASE reads files and is not allowed", "IMPORT"),
            refused("CALL runs table functions and pragmas and is not allowed", "CALL"),
            refused("switching databases is not allowed", "USE"),
            refused("transactions are managed by the db-manager", "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT"),
            refused("VACUUM is run by the db-manager only", "VACUUM"),
            refused("ANALYZE is run by the db-manager only", "ANALYZE"),
            refused("EXPLAIN is not allowed here", "EXPLAIN"));

    private static final Set<String> DENIED_FUNCTIONS = Set.of("glob", "sniff_csv", "query", "query_table",
            "getenv", "load_extension", "which_secret", "duckdb_secrets", "duckdb_extensions", "checkpoint",
            "force_checkpoint", "nextval", "setval", "st_read", "read_xlsx", "json_execute_serialized_sql",
            "json_deserialize_sql");

    private static final Set<String> DENIED_PREFIXES = Set.of("read_", "parquet_", "iceberg_", "delta_", "sqlite_",
            "postgres_", "mysql_", "pragma_", "arrow_", "python_", "duckdb_secret", "http");

    /** Schemas that belong to the db-manager (the ledger) and never to user SQL. */
    static final String RESERVED_PREFIX = "_teatree";

    private GuardRules() {
    }

    /** The same {@code reason} for each of {@code keywords}. */
    private static Stream<Map.Entry<String, String>> refused(String reason, String... keywords) {
        return Stream.of(keywords).map(keyword -> Map.entry(keyword, reason));
    }

    /** The reason for each keyword; a keyword given twice is a bug. */
    @SafeVarargs
    private static Map<String, String> byKeyword(Stream<Map.Entry<String, String>>... rules) {
        return Stream.of(rules).flatMap(rule -> rule).collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Why a function called {@code name} is refused, or empty when it is allowed. */
    static Optional<String> deniedFunction(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String bare = dot >= 0 ? lower.substring(dot + 1) : lower;
        if (DENIED_FUNCTIONS.contains(bare) || DENIED_PREFIXES.stream().anyMatch(bare::startsWith)) {
            return Optional.of("function " + bare + "() reads files, runs SQL text or changes state and is not allowed");
        }
        return Optional.empty();
    }

    /** True when a table reference looks like a file, glob or URL rather than a table name. */
    static boolean looksLikeFile(String tableName) {
        return tableName.chars().anyMatch(c -> c == '/' || c == '\\' || c == '.' || c == ':' || c == '*' || c == '~' || c == '?');
    }

    static boolean isReserved(String identifier) {
        return identifier.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX);
    }
}
