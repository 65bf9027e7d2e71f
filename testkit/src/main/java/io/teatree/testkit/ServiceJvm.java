package io.teatree.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The start of the command line of a Teatree service JVM run by tests and benchmarks (this JVM's java). */
public final class ServiceJvm {

    /** Flags DuckDB and Arrow need on JDK 21+, and Quarkus' worker threads on JDK 24+ (java.lang). */
    public static final List<String> FLAGS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED");

    private ServiceJvm() {
    }

    /** {@code <java> -Xmx<heap> <FLAGS>}, mutable so callers add their options and {@code -jar}. */
    public static List<String> command(String heap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(FLAGS);
        return command;
    }
}
