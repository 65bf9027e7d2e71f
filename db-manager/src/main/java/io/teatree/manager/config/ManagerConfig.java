package io.teatree.manager.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The db-manager's own configuration ({@code teatree.manager.*}); one process serves {@code teatree.manager.model}.
 * The NATS, S3 and metrics settings are the shared groups of service-support.
 */
@ConfigMapping(prefix = "teatree")
public interface ManagerConfig {

    Manager manager();

    /** The model this process writes and how. */
    interface Manager {
        /** The model id (env {@code TEATREE_MANAGER_MODEL}). */
        String model();

        /** Where {@code <model>/model.duckdb} lives. */
        @WithDefault("data")
        String dataDir();

        /** Most intents applied in one DuckDB transaction; also the consumer's MaxAckPending. */
        @WithDefault("500")
        int batchSize();

        /** How long a fetch waits for more intents to fill a batch once some are there. */
        @WithDefault("PT0.01S")
        Duration linger();

        /** With nothing pending for this long the manager stops (exit 0) so it can scale to zero. */
        @WithDefault("PT60S")
        Duration idleTimeout();

        /** Lease length in Postgres; renewed every third of it. */
        @WithDefault("PT15S")
        Duration lease();

        /** JetStream AckWait of the manager's consumer (at least 60 s by docs/design.md, names on the wire). */
        @WithDefault("PT60S")
        Duration ackWait();

        /** DuckDB memory_limit, e.g. {@code 1536MB}; DuckDB's default when absent. */
        Optional<String> duckdbMemoryLimit();

        /** A directory whose jars add functions (found with ServiceLoader) to the built-ins. */
        Optional<String> functionsDir();

        /** After this many process deaths while applying an intent alone, the intent fails {@code poison-intent}. */
        @WithDefault("3")
        int poisonAttempts();

        /** DuckDB threads; DuckDB's default when absent. */
        Optional<Integer> duckdbThreads();

        /**
         * DuckDB {@code storage_compatibility_version} of a new model file, which decides which DuckDB releases
         * can open the published versions: {@code v1.0.0} (the default) opens in DuckDB 1.0 and later;
         * {@code latest} only in DuckDB 2.0 and later.
         */
        @WithDefault("v1.0.0")
        String storageVersion();

        Snapshot snapshot();
    }

    /** Read-only versions (docs/design.md, read-only versions). */
    interface Snapshot {
        /** At most one snapshot per this interval. */
        @WithDefault("PT5S")
        Duration minInterval();

        /** Always snapshot once the newest version is this many versions ahead of the last snapshot. */
        @WithDefault("100")
        int maxLag();

        /** How many versions stay in S3 (older ones are deleted). */
        @WithDefault("10")
        int keepInS3();

        /** On shutdown, how long to wait for the last snapshot to be published. */
        @WithDefault("PT60S")
        Duration shutdownWait();
    }
}
