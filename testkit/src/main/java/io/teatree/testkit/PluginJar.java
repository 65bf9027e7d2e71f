package io.teatree.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A functions directory holding one jar with test functions, as an operator would deploy plugins (docs/functions.md). */
public final class PluginJar {

    /** The service interface plugin functions are listed under. */
    static final String SERVICE = "io.teatree.functions.TeatreeFunction";

    private PluginJar() {
    }

    /**
     * Writes {@code dir/test-functions.jar} with the classes of {@code functions} (each a {@code TeatreeFunction}
     * with a public no-argument constructor) and their service file; returns {@code dir}.
     */
    public static Path in(Path dir, Class<?>... functions) throws IOException {
        Files.createDirectories(dir);
        try (OutputStream file = Files.newOutputStream(dir.resolve("test-functions.jar")); JarOutputStream jar = new JarOutputStream(file)) {
            for (Class<?> function : functions) {
                String name = function.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(name));
                try (InputStream in = function.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("META-INF/services/" + SERVICE));
            jar.write((Stream.of(functions).map(Class::getName).collect(Collectors.joining("\n")) + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return dir;
    }
}
