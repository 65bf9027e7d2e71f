package io.teatree.dispatcher.placement.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the local placement runs managers.
 *
 * @param java        the {@code java} launcher
 * @param managerJar  the db-manager's {@code quarkus-run.jar}
 * @param dataDir     the managers' data directory
 * @param logDir      where {@code manager-<model>.log} files go
 * @param idleTimeout a manager with nothing pending this long exits
 * @param stopGrace   how long a stopping manager may take before it is killed
 * @param functionsDir jars of plugin functions the managers load, if any
 */
public record LocalSettings(String java, Path managerJar, Path dataDir, Path logDir, Duration idleTimeout, Duration stopGrace,
                            Optional<Path> functionsDir) {

    public LocalSettings(String java, Path managerJar, Path dataDir, Path logDir, Duration idleTimeout, Duration stopGrace) {
        this(java, managerJar, dataDir, logDir, idleTimeout, stopGrace, Optional.empty());
    }

    public LocalSettings {
        if (java == null || managerJar == null || dataDir == null || logDir == null || idleTimeout == null || stopGrace == null
                || functionsDir == null) {
            throw new IllegalArgumentException("every local placement setting is required");
        }
        managerJar = managerJar.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        logDir = logDir.toAbsolutePath().normalize();
        functionsDir = functionsDir.map(dir -> dir.toAbsolutePath().normalize());
    }

    /** The {@code java} running this JVM. */
    public static String currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
