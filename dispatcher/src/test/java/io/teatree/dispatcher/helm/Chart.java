package io.teatree.dispatcher.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.List;
import java.util.function.UnaryOperator;

/** The chart {@code helm/teatree} of this checkout, rendered through helm-java. */
final class Chart {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path ROOT = repoRoot();
    static final Path DIR = ROOT.resolve("helm/teatree");
    static final Path MANIFESTS = ROOT.resolve("k8s");
    static final String RELEASE = "teatree";
    static final String NAMESPACE = "teatree";
    /** The chart needs 1.29+ (ReadWriteOncePod is GA there). */
    static final String KUBE_VERSION = "1.31.0";

    private Chart() {
    }

    /** Renders the chart as release {@value #RELEASE} in {@value #NAMESPACE}; {@code options} adds values. */
    static String template(UnaryOperator<TemplateCommand> options) {
        return options.apply(new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION)).call();
    }

    /**
     * Renders a copy of the chart whose test hooks are plain objects, because helm-java's template leaves
     * hooks out; the hooks' own annotations are checked on the template file.
     */
    static String templateWithHooks(Path scratch, UnaryOperator<TemplateCommand> options) {
        try {
            Path copy = scratch.resolve("teatree-with-hooks");
            copyTree(DIR, copy);
            try (Stream<Path> tests = Files.list(copy.resolve("templates/tests"))) {
                for (Path test : tests.toList()) {
                    Files.writeString(test, Files.readString(test).lines().filter(l -> !l.contains("helm.sh/hook"))
                            .map(l -> l.replace("annotations:", "annotations: {}")).reduce("", (a, b) -> a + b + "\n"));
                }
            }
            return options.apply(new Helm(copy).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION)).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The rendered documents, each as text without Helm's {@code # Source:} comment. */
    static List<String> documents(String rendered) {
        List<String> docs = new ArrayList<>();
        for (String doc : rendered.split("(?m)^---\\s*$")) {
            String body = doc.lines().filter(l -> !l.startsWith("# Source:")).reduce("", (a, b) -> a + b + "\n").strip();
            if (!body.isEmpty()) {
                docs.add(body + "\n");
            }
        }
        return docs;
    }

    static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("helm/teatree"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("helm/teatree not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
