package io.teatree.dispatcher;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.teatree.dispatcher.podclass.PodClassesConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The dispatcher's own configuration ({@code teatree.dispatcher.*}); NATS, S3 and metrics are service-support's groups. */
@ConfigMapping(prefix = "teatree")
public interface DispatcherConfig {

    Dispatcher dispatcher();

    Auth auth();

    /**
     * Who may read {@code /placements} and {@code /q/metrics}: admin keys for all models ({@code *}), the same
     * keys the client API issues (looked up in Postgres), and the configured bootstrap key.
     */
    interface Auth {
        /** Whether those endpoints need a key; switch off only for a private single-user setup. */
        @WithDefault("true")
        boolean enabled();

        /** The client API's bootstrap admin key ({@code TEATREE_AUTH_BOOTSTRAP_KEY}), accepted without a lookup. */
        Optional<String> bootstrapKey();
    }

    /** Where managers run and when they start and stop ({@code teatree.dispatcher.*}). */
    interface Dispatcher {
        /** {@code local} (child processes on this host) or {@code kubernetes} (one StatefulSet per model). */
        @WithDefault("local")
        PlacementKind placement();

        /** A manager with nothing pending for this long stops; the next intent starts it again. */
        @WithDefault("PT2M")
        Duration idleTimeout();

        /** How often pending intents and running placements are compared. */
        @WithDefault("5S")
        String reconcileInterval();

        Backoff backoff();

        Local local();

        Kubernetes kubernetes();

        ManagerNats managerNats();

        PodClassesConfig podClasses();
    }

    /** The two placements. */
    enum PlacementKind {
        LOCAL, KUBERNETES
    }

    /** Restarting managers that crash. */
    interface Backoff {
        /** Delay before the first restart after a crash; doubled for each further crash. */
        @WithDefault("PT1S")
        Duration initial();

        /** Upper bound of the restart delay. */
        @WithDefault("PT5M")
        Duration max();

        /** After this many crashes in a row the model's status becomes {@code crashloop}. */
        @WithDefault("3")
        int crashloopAfter();

        /** A manager that ran this long without crashing resets the crash count. */
        @WithDefault("PT2M")
        Duration healthyAfter();
    }

    /**
     * The NATS user every db-manager connects as ({@code teatree.dispatcher.manager-nats.*}, docs/security.md). The
     * {@code local} placement passes it in each manager's environment; the {@code kubernetes} placement takes user and
     * password from the Secret {@code kubernetes.nats-secret} instead.
     */
    interface ManagerNats {
        @WithDefault("manager")
        String user();

        /** Give it in the environment ({@code TEATREE_DISPATCHER_MANAGER_NATS_PASSWORD}), never on a command line. */
        Optional<String> password();
    }

    /** The {@code local} placement: db-manager processes on this host. */
    interface Local {
        /** The db-manager's {@code quarkus-run.jar}. */
        @WithDefault("db-manager/target/quarkus-app/quarkus-run.jar")
        Path managerJar();

        /** The managers' data directory: each model's file is {@code <dataDir>/<model>/model.duckdb}. */
        @WithDefault(".teatree/data")
        Path dataDir();

        /** Where each manager's output goes ({@code <logDir>/manager-<model>.log}); the data directory when absent. */
        Optional<Path> logDir();

        /** The {@code java} launcher; the one running the dispatcher when absent. */
        Optional<String> java();

        /** How long a stopped manager may take to finish its batch before it is killed. */
        @WithDefault("PT30S")
        Duration stopGrace();

        /** Jars of plugin functions every manager loads ({@code teatree.manager.functions-dir}); built-ins only when absent. */
        Optional<Path> functionsDir();
    }

    /** The {@code kubernetes} placement: one StatefulSet {@code teatree-model-<model>} per model. */
    interface Kubernetes {
        /** Namespace of the StatefulSets and the leader Lease; the client's namespace when absent. */
        Optional<String> namespace();

        /** The db-manager container image. */
        @WithDefault("ghcr.io/teatree/db-manager:0.1.0")
        String image();

        @WithDefault("IfNotPresent")
        String imagePullPolicy();

        /** Storage class of the model volumes; the cluster's default when absent. */
        Optional<String> storageClass();

        /** The Secret holding {@code username} and {@code password} for Postgres. */
        @WithDefault("teatree-postgres")
        String postgresSecret();

        /** The Secret holding {@code access-key} and {@code secret-key} for S3. */
        @WithDefault("teatree-s3")
        String s3Secret();

        /** The Secret holding {@code username} and {@code password} of the managers' NATS user. */
        @WithDefault("teatree-nats")
        String natsSecret();

        /** JDBC URL the managers use; the dispatcher's own datasource URL when absent. */
        Optional<String> jdbcUrl();

        /** Name of the Lease two dispatcher replicas elect their leader with. */
        @WithDefault("teatree-dispatcher")
        String leaseName();

        /** This replica's identity in the Lease; {@code HOSTNAME} when absent. */
        Optional<String> identity();

        @WithDefault("PT15S")
        Duration leaseDuration();

        @WithDefault("PT10S")
        Duration renewDeadline();

        @WithDefault("PT2S")
        Duration retryPeriod();
    }
}
