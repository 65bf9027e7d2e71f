package io.teatree.dispatcher.placement.kubernetes;

import io.teatree.protocol.ModelId;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names and labels of a model's Kubernetes objects, in a fixed order so rendered YAML diffs cleanly. */
public final class ModelLabels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MODEL = "teatree.io/model";
    public static final String POD_CLASS = "teatree.io/pod-class";
    /** Annotation: when the dispatcher last scaled the StatefulSet. */
    public static final String CHANGED_AT = "teatree.io/changed-at";
    /** Annotation: a digest of the pod template the dispatcher last asked for. */
    public static final String TEMPLATE_HASH = "teatree.io/template-hash";

    public static final String MANAGER_NAME = "teatree-db-manager";
    public static final String DISPATCHER = "teatree-dispatcher";

    private ModelLabels() {
    }

    /** {@code teatree-model-<model>}. */
    public static String statefulSetName(ModelId model) {
        return "teatree-model-" + model.value();
    }

    /** The immutable selector of a model's StatefulSet. */
    public static Map<String, String> selector(ModelId model) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, MANAGER_NAME);
        labels.put(MODEL, model.value());
        return labels;
    }

    /** All labels of a model's StatefulSet, pods and volume claims. */
    public static Map<String, String> all(ModelId model, String podClass) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, MANAGER_NAME);
        labels.put(INSTANCE, statefulSetName(model));
        labels.put(COMPONENT, "db-manager");
        labels.put(PART_OF, "teatree");
        labels.put(MANAGED_BY, DISPATCHER);
        labels.put(MODEL, model.value());
        labels.put(POD_CLASS, podClass);
        return labels;
    }
}
