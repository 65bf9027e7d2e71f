package io.teatree.service.manager;

import io.teatree.protocol.ModelId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared servers every db-manager talks to, as the dispatcher was configured, and the environment a
 * placement gives one db-manager process (local) or pod (Kubernetes) from them: the db-manager's run contract.
 * The variable names are {@link ManagerVariable}s, which the db-manager reads as its configuration.
 *
 * @param natsUrl      NATS server URL (no credentials in it)
 * @param natsUser     NATS user of every db-manager (may be empty: anonymous, which a locked server refuses)
 * @param natsPassword its password (may be empty)
 * @param jdbcUrl      Postgres JDBC URL of the control tables
 * @param dbUser       Postgres user
 * @param dbPassword   Postgres password (may be empty)
 * @param s3Endpoint   S3 endpoint (path-style)
 * @param s3Region     S3 region
 * @param s3Bucket     S3 bucket
 * @param s3AccessKey  S3 access key
 * @param s3SecretKey  S3 secret key
 */
public record ManagerEnvironment(String natsUrl, String natsUser, String natsPassword, String jdbcUrl, String dbUser, String dbPassword, String s3Endpoint,
                                 String s3Region, String s3Bucket, String s3AccessKey, String s3SecretKey) {

    public ManagerEnvironment {
        if (natsUrl == null || jdbcUrl == null || s3Endpoint == null || s3Region == null || s3Bucket == null) {
            throw new IllegalArgumentException("natsUrl, jdbcUrl and the S3 endpoint, region and bucket are required");
        }
        natsUser = natsUser == null ? "" : natsUser;
        natsPassword = natsPassword == null ? "" : natsPassword;
        dbUser = dbUser == null ? "" : dbUser;
        dbPassword = dbPassword == null ? "" : dbPassword;
        s3AccessKey = s3AccessKey == null ? "" : s3AccessKey;
        s3SecretKey = s3SecretKey == null ? "" : s3SecretKey;
    }

    /** The same servers with another JDBC URL (managers in pods may reach Postgres by another name). */
    public ManagerEnvironment withJdbcUrl(String url) {
        return new ManagerEnvironment(natsUrl, natsUser, natsPassword, url, dbUser, dbPassword, s3Endpoint, s3Region, s3Bucket, s3AccessKey, s3SecretKey);
    }

    /**
     * The plain (not secret) variables of {@code model}'s db-manager, in a stable order.
     *
     * @param idleTimeout       how long the manager waits with nothing pending before it stops
     * @param duckdbMemoryLimit DuckDB's memory_limit, e.g. {@code 1536MB}
     * @param duckdbThreads     DuckDB's threads
     */
    public Map<ManagerVariable, String> plain(ModelId model, Duration idleTimeout, String duckdbMemoryLimit, int duckdbThreads) {
        Map<ManagerVariable, String> env = new LinkedHashMap<>();
        env.put(ManagerVariable.MODEL, model.value());
        env.put(ManagerVariable.IDLE_TIMEOUT, idleTimeout.toString());
        env.put(ManagerVariable.DUCKDB_MEMORY_LIMIT, duckdbMemoryLimit);
        env.put(ManagerVariable.DUCKDB_THREADS, String.valueOf(duckdbThreads));
        env.put(ManagerVariable.NATS_URL, natsUrl);
        env.put(ManagerVariable.JDBC_URL, jdbcUrl);
        env.put(ManagerVariable.S3_ENDPOINT, s3Endpoint);
        env.put(ManagerVariable.S3_REGION, s3Region);
        env.put(ManagerVariable.S3_BUCKET, s3Bucket);
        return env;
    }

    /** The secret variables (credentials); the Kubernetes placement takes them from Secrets instead. */
    public Map<ManagerVariable, String> secrets() {
        Map<ManagerVariable, String> env = new LinkedHashMap<>();
        env.put(ManagerVariable.NATS_USER, natsUser);
        env.put(ManagerVariable.NATS_PASSWORD, natsPassword);
        env.put(ManagerVariable.DB_USER, dbUser);
        env.put(ManagerVariable.DB_PASSWORD, dbPassword);
        env.put(ManagerVariable.S3_ACCESS_KEY, s3AccessKey);
        env.put(ManagerVariable.S3_SECRET_KEY, s3SecretKey);
        return env;
    }

    @Override
    public String toString() {
        return "ManagerEnvironment[nats=" + natsUrl + ", jdbc=" + jdbcUrl + ", s3=" + s3Endpoint + "/" + s3Bucket + "]";
    }
}
