package io.teatree.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds the server binaries the testkit runs, or fails with the command that installs them. */
public final class Binaries {

    private static final List<String> POSTGRES_ROOTS = List.of("/usr/lib/postgresql", "/usr/local/pgsql");

    private Binaries() {
    }

    /** The path of {@code name} on PATH; throws naming {@code apt-get install -y <debianPackage>} when absent. */
    public static String require(String name, String debianPackage) {
        return onPath(name).orElseThrow(() -> new IllegalStateException(
                name + " not found on PATH; install it with: apt-get install -y " + debianPackage
                        + " (bin/teatree up does this for you)"));
    }

    /** The directory holding {@code initdb} and {@code postgres}, newest major version first. */
    public static Path postgresBin() {
        String fromEnv = System.getenv("TEATREE_PG_BIN");
        if (fromEnv != null && Files.isExecutable(Path.of(fromEnv, "postgres"))) {
            return Path.of(fromEnv);
        }
        for (String root : POSTGRES_ROOTS) {
            File[] versions = new File(root).listFiles();
            if (versions == null) {
                continue;
            }
            Optional<Path> newest = java.util.Arrays.stream(versions)
                    .map(f -> f.toPath().resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("postgres")) && Files.isExecutable(bin.resolve("initdb")))
                    .max(java.util.Comparator.comparing(Binaries::majorVersion));
            if (newest.isPresent()) {
                return newest.get();
            }
        }
        return onPath("postgres").map(p -> Path.of(p).getParent()).orElseThrow(() -> new IllegalStateException(
                "PostgreSQL server binaries (initdb, postgres) not found under /usr/lib/postgresql; install them with:"
                        + " apt-get install -y postgresql (bin/teatree up does this for you)"));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<String> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
