package io.teatree.manager.apply;

import io.teatree.functions.registry.FunctionRegistry;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** Loads the built-in functions plus those in the jars of an optional functions directory (docs/design.md, functions). */
public final class FunctionLoader {

    private static final Logger LOG = Logger.getLogger(FunctionLoader.class);

    private FunctionLoader() {
    }

    public static FunctionRegistry load(Optional<String> functionsDir) throws IOException {
        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        if (functionsDir.isEmpty()) {
            return FunctionRegistry.load(parent);
        }
        Path dir = Path.of(functionsDir.get());
        List<URL> jars = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(url(jar));
                }
            }
        }
        FunctionRegistry registry = FunctionRegistry.load(new URLClassLoader(jars.toArray(URL[]::new), parent));
        LOG.infof("functions: %s (from %d jars in %s and the built-ins)", registry.all().keySet(), jars.size(), dir);
        return registry;
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad jar path " + jar, e);
        }
    }
}
