package io.teatree.dispatcher.placement.local;

import io.teatree.service.manager.ManagerEnvironment;
import io.teatree.service.manager.ManagerVariable;
import io.teatree.dispatcher.placement.ManagerSpec;
import io.teatree.dispatcher.podclass.PodClass;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line and environment of one local db-manager process (the db-manager's run contract). */
public final class ManagerCommand {

    /** JVM flags DuckDB and Arrow need on JDK 21+, and Quarkus' worker threads on JDK 24+ (java.lang). */
    static final List<String> JVM_FLAGS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED");

    /** Teatree variables a manager inherits from the dispatcher: the log format. */
    static final Set<String> INHERITED = Set.of("TEATREE_LOG_JSON");
    /** The service name is the manager's own ({@code teatree-db-manager}), never the dispatcher's. */
    static final Set<String> NOT_INHERITED = Set.of("OTEL_SERVICE_NAME", "QUARKUS_OTEL_SERVICE_NAME");

    private final LocalSettings settings;
    private final ManagerEnvironment environment;

    public ManagerCommand(LocalSettings settings, ManagerEnvironment environment) {
        this.settings = settings;
        this.environment = environment;
    }

    /** {@code java <flags> -Xmx<heap> -jar <managerJar>}. */
    public List<String> command(ManagerSpec spec) {
        List<String> command = new ArrayList<>();
        command.add(settings.java());
        command.addAll(JVM_FLAGS);
        command.add("-Xmx" + spec.podClass().heapMib() + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-jar");
        command.add(settings.managerJar().toString());
        return command;
    }

    /**
     * Fills {@code env} (the inherited environment) for {@code spec}: Teatree and Quarkus settings are replaced,
     * except {@code TEATREE_LOG_JSON}, which the manager shares with the dispatcher. The OpenTelemetry
     * variables ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_PROTOCOL}, {@code QUARKUS_OTEL_*}
     * tuning) stay too, so the manager exports its traces where the dispatcher does, but not the service name:
     * the manager reports as itself ({@code teatree-db-manager}).
     */
    public void environment(ManagerSpec spec, Map<String, String> env) {
        env.keySet().removeIf(key -> NOT_INHERITED.contains(key)
                || (key.startsWith("TEATREE_") || key.startsWith("QUARKUS_")) && !key.startsWith("QUARKUS_OTEL_") && !INHERITED.contains(key));
        PodClass podClass = spec.podClass();
        Map<ManagerVariable, String> values = new EnumMap<>(ManagerVariable.class);
        values.putAll(environment.plain(spec.model(), settings.idleTimeout(), podClass.duckdbMemoryLimit(), podClass.duckdbThreads()));
        values.putAll(environment.secrets());
        values.put(ManagerVariable.DATA_DIR, settings.dataDir().toString());
        values.put(ManagerVariable.HTTP_PORT, "0");
        settings.functionsDir().ifPresent(dir -> values.put(ManagerVariable.FUNCTIONS_DIR, dir.toString()));
        values.forEach((variable, value) -> env.put(variable.variable(), value));
    }
}
