package io.teatree.dispatcher.podclass;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The configured pod classes by name, in size order. Immutable and thread-safe. */
public final class PodClasses {

    /** The class of a model whose row names none. */
    public static final String DEFAULT = "small";

    private final Map<String, PodClass> byName;

    public PodClasses(Map<String, PodClass> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** The classes of a configuration. */
    public static PodClasses of(PodClassesConfig config) {
        Map<String, PodClass> classes = new LinkedHashMap<>();
        classes.put("small", new PodClass("small", config.small().cpus(), config.small().memory(), config.small().storage()));
        classes.put("medium", new PodClass("medium", config.medium().cpus(), config.medium().memory(), config.medium().storage()));
        classes.put("large", new PodClass("large", config.large().cpus(), config.large().memory(), config.large().storage()));
        classes.put("xlarge", new PodClass("xlarge", config.xlarge().cpus(), config.xlarge().memory(), config.xlarge().storage()));
        return new PodClasses(classes);
    }

    /** The class called {@code name}; empty for an unknown name. */
    public Optional<PodClass> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** The class called {@code name}, or {@link #DEFAULT} when the name is unknown or null. */
    public PodClass orDefault(String name) {
        return find(name).orElseGet(() -> byName.get(DEFAULT));
    }
}
