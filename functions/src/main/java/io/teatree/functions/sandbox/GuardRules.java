package io.teatree.functions.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the guard refuses, with the reason it gives. Constants only. */
final class GuardRules {

    /** Statement keywords refused wherever they appear as a bare word. */
    static final Map<String, String> DENIED_WORDS = Map.ofEntries(
            Map.entry("ATTACH", "attaching databases is not allowed"),
            Map.entry("DETACH", "detaching databases is not allowed"),
            Map.entry("INSTALL", "installing extensions is not allowed"),
            Map.entry("PRAGMA", "PRAGMA statements are not allowed"),
            Map.entry("COPY", "COPY reads or writes files and is not allowed"),
            Map.entry("CHECKPOINT", "CHECKPOINT is run by the db-manager only"),
            Map.entry("SECRET", "secrets are not allowed"));

    /** Statement kinds, by first keyword, that user SQL may run through the {@code sql} function. */
    static final Set<String> WRITE_STATEMENTS = Set.of("CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE",
            "TRUNCATE", "COMMENT", "SELECT", "WITH", "FROM", "VALUES", "TABLE", "DESCRIBE", "SHOW", "SUMMARIZE");

    /** Statement kinds, by first keyword, that a read-only query may be. */
    static final Set<String> READ_STATEMENTS = Set.of("SELECT", "WITH", "FROM", "VALUES", "TABLE", "DESCRIBE", "SHOW", "SUMMARIZE");

    /** Why a first keyword is refused, for the statements users try most. */
    static final Map<String, String> REFUSED_STATEMENTS = Map.ofEntries(
            Map.entry("LOAD", "loading extensions is not allowed"),
            Map.entry("SET", "changing settings is not allowed"),
            Map.entry("RESET", "changing settings is not allowed"),
            Map.entry("EXPORT", "EXPORT DATABASE writes files and is not allowed"),
            Map.entry("IMPORT", "IMPORT DATABASE reads files and is not allowed"),
            Map.entry("CALL", "CALL runs table functions and pragmas and is not allowed"),
            Map.entry("USE", "switching databases is not allowed"),
            Map.entry("BEGIN", "transactions are managed by the db-manager"),
            Map.entry("START", "transactions are managed by the db-manager"),
            Map.entry("COMMIT", "transactions are managed by the db-manager"),
            Map.entry("END", "transactions are managed by the db-manager"),
            Map.entry("ROLLBACK", "transactions are managed by the db-manager"),
            Map.entry("ABORT", "transactions are managed by the db-manager"),
            Map.entry("VACUUM", "VACUUM is run by the db-manager only"),
            Map.entry("ANALYZE", "ANALYZE is run by the db-manager only"),
            Map.entry("EXPLAIN", "EXPLAIN is not allowed here"));

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
