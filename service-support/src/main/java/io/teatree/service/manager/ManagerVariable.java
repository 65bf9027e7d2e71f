package io.teatree.service.manager;

import java.util.Locale;
import java.util.Optional;

/**
 * The environment variables a placement sets for a db-manager, each the environment form of a configuration
 * property the db-manager reads (SmallRye's rule: upper case, every {@code .} and {@code -} an {@code _}).
 */
public enum ManagerVariable {
    MODEL("teatree.manager.model", false),
    DATA_DIR("teatree.manager.data-dir", false),
    IDLE_TIMEOUT("teatree.manager.idle-timeout", false),
    DUCKDB_MEMORY_LIMIT("teatree.manager.duckdb-memory-limit", false),
    DUCKDB_THREADS("teatree.manager.duckdb-threads", false),
    FUNCTIONS_DIR("teatree.manager.functions-dir", false),
    NATS_URL("teatree.nats.url", false),
    NATS_USER("teatree.nats.user", true),
    NATS_PASSWORD("teatree.nats.password", true),
    JDBC_URL("quarkus.datasource.jdbc.url", false),
    DB_USER("quarkus.datasource.username", true),
    DB_PASSWORD("quarkus.datasource.password", true),
    S3_ENDPOINT("teatree.s3.endpoint", false),
    S3_REGION("teatree.s3.region", false),
    S3_BUCKET("teatree.s3.bucket", false),
    S3_ACCESS_KEY("teatree.s3.access-key", true),
    S3_SECRET_KEY("teatree.s3.secret-key", true),
    HTTP_PORT("quarkus.http.port", false);

    private final String property;
    private final boolean secret;

    ManagerVariable(String property, boolean secret) {
        this.property = property;
        this.secret = secret;
    }

    /** The configuration property the db-manager reads, e.g. {@code teatree.manager.model}. */
    public String property() {
        return property;
    }

    /** The variable's name, e.g. {@code TEATREE_MANAGER_MODEL}. */
    public String variable() {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The variable called {@code name}, if it is one of the contract. */
    public static Optional<ManagerVariable> named(String name) {
        for (ManagerVariable variable : values()) {
            if (variable.variable().equals(name)) {
                return Optional.of(variable);
            }
        }
        return Optional.empty();
    }

    /** Whether the value is a credential (the Kubernetes placement takes it from a Secret). */
    public boolean secret() {
        return secret;
    }
}
