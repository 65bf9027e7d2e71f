package io.teatree.functions.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The built-in functions plus those in the jars of an optional functions directory (docs/functions.md). The
 * client API and every db-manager load the same directory, so a plugin function the API accepts is one the
 * managers can apply.
 */
public final class FunctionJars {

    private FunctionJars() {
    }

    /** The functions visible to {@code parent} and in {@code dir}'s {@code *.jar} files (none when it is absent or empty). */
    public static FunctionRegistry load(ClassLoader parent, Optional<Path> dir) throws IOException {
        List<URL> jars = jars(dir);
        return FunctionRegistry.load(jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent));
    }

    /** The jars {@link #load} reads from {@code dir}, in name order. */
    public static List<URL> jars(Optional<Path> dir) throws IOException {
        List<URL> jars = new ArrayList<>();
        if (dir.isPresent() && Files.isDirectory(dir.get())) {
            try (Stream<Path> files = Files.list(dir.get())) {
                for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(url(jar));
                }
            }
        }
        return jars;
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException("bad jar path " + jar, e);
        }
    }
}
