package io.teatree.dispatcher.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The plain manifests in {@code k8s/}: one object per file named {@code <order>.<Kind>.<name>.yaml}, in the
 * order they can be applied. {@value #NAMESPACE_FILE} is the one file the chart does not render.
 */
final class K8sManifests {

    static final String NAMESPACE_FILE = "00.Namespace.teatree.yaml";
    private static final List<String> ORDER = List.of("Namespace", "Secret", "ConfigMap", "ServiceAccount", "Role", "RoleBinding",
            "Service", "Deployment", "Ingress", "NetworkPolicy");

    private K8sManifests() {
    }

    static String fileName(JsonNode object) {
        String kind = object.path("kind").asText();
        int order = ORDER.indexOf(kind);
        if (order < 0) {
            throw new IllegalStateException("no place in k8s/ for kind " + kind);
        }
        return String.format("%02d.%s.%s.yaml", order, kind, object.path("metadata").path("name").asText());
    }

    /** Every manifest except the namespace, by file name. */
    static Map<String, String> read() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(Chart.MANIFESTS)) {
            for (Path file : list.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                String name = file.getFileName().toString();
                if (!name.equals(NAMESPACE_FILE)) {
                    files.put(name, Files.readString(file));
                }
            }
        }
        return files;
    }

    /** Rewrites the manifests from a rendering (run the test with {@code -Dk8s.update=true}). */
    static void write(Map<String, String> manifests) throws IOException {
        Files.createDirectories(Chart.MANIFESTS);
        for (Map.Entry<String, String> e : read().entrySet()) {
            if (!manifests.containsKey(e.getKey())) {
                Files.delete(Chart.MANIFESTS.resolve(e.getKey()));
            }
        }
        String header = "# Generated from helm/teatree with default values (release teatree, namespace teatree); HelmChartIT keeps it equal.\n";
        for (Map.Entry<String, String> e : manifests.entrySet()) {
            Files.writeString(Chart.MANIFESTS.resolve(e.getKey()), header + e.getValue());
        }
    }
}
