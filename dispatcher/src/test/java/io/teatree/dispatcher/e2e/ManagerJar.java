package io.teatree.dispatcher.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The db-manager's runnable jar in this checkout, which the end-to-end tests run for real. */
public final class ManagerJar {

    private ManagerJar() {
    }

    /** {@code <repo>/db-manager/target/quarkus-app/quarkus-run.jar}, whether it exists or not. */
    public static Path path() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("db-manager/pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no db-manager module above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("db-manager/target/quarkus-app/quarkus-run.jar");
    }

    /** The jar; fails (never skips) with how to build it when it is missing. */
    public static Path require() {
        Path jar = path();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the end-to-end test runs the real db-manager, but " + jar + " does not exist: build it first with"
                    + " `mvn -pl db-manager -am package -DskipTests` from the repository root");
        }
        return jar;
    }
}
