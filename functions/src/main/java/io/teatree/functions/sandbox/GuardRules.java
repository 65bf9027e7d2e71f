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

    /** Statement kinds, as DuckDB's parser names them ({@link OneStatement}), that the {@code sql} function may run. */
    static final Set<String> WRITE_KINDS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP");

    /** Why a statement kind is refused, for the kinds users try most; any other kind is refused too. */
    private static final Map<String, String> REFUSED_KINDS = byKeyword(
            refused("loading extensions is not allowed", "LOAD", "UPDATE_EXTENSIONS"),
            refused("changing settings is not allowed", "SET", "VARIABLE_SET", "RESET"),
            refused("EXPORT DATABASE writes files and is not allowed", "EXPORT"),
            refused("COPY reads or writes files and is not allowed", "COPY", "COPY_DATABASE"),
            refused("CALL runs table functions and pragmas and is not allowed", "CALL"),
            refused("PRAGMA statements are not allowed", "PRAGMA"),
            refused("attaching databases is not allowed", "ATTACH"),
            refused("detaching databases is not allowed", "DETACH"),
            refused("transactions are managed by the db-manager", "TRANSACTION"),
            refused("VACUUM and ANALYZE are run by the db-manager only", "VACUUM", "ANALYZE"),
            refused("CHECKPOINT is run by the db-manager only", "CHECKPOINT"),
            refused("EXPLAIN is not allowed here", "EXPLAIN"),
            refused("prepared statements are not allowed", "PREPARE", "EXECUTE", "DEALLOCATE"),
            refused("MERGE INTO is not allowed: use INSERT ... ON CONFLICT or the upsert function", "MERGE_INTO"));

    private static final Set<String> DENIED_FUNCTIONS = Set.of("glob", "sniff_csv", "query", "query_table",
            "getenv", "load_extension", "which_secret", "duckdb_secrets", "duckdb_extensions", "checkpoint",
            "force_checkpoint", "nextval", "setval", "st_read", "read_xlsx", "json_execute_serialized_sql",
            "json_deserialize_sql",
            "current_setting", "duckdb_settings", "duckdb_databases", "duckdb_temporary_files", "duckdb_memory",
            "duckdb_logs", "duckdb_log_contexts", "enable_logging", "disable_logging", "truncate_duckdb_logs");

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

    /** Why a statement of {@code kind} is refused. */
    static String refusedKind(String kind) {
        return REFUSED_KINDS.getOrDefault(kind, kind + " statements are not allowed");
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
