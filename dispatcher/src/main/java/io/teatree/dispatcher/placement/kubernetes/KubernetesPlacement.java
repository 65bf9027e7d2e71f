package io.teatree.dispatcher.placement.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.logging.Log;
import io.teatree.dispatcher.placement.ExitListener;
import io.teatree.dispatcher.placement.ManagerSpec;
import io.teatree.dispatcher.placement.Placement;
import io.teatree.dispatcher.placement.PlacementInfo;
import io.teatree.protocol.ModelId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@code kubernetes} placement (Fabric8): per model a StatefulSet {@code teatree-model-<model>} scaled
 * between 0 and 1; state read from its pod. The kubelet restarts a crashed container; a restart seen in
 * the pod's status is reported to the {@link ExitListener}. Kubernetes verbs used: StatefulSets get, list,
 * create, patch, delete; pods list. Thread-safe.
 */
public final class KubernetesPlacement implements Placement {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final KubernetesClient client;
    private final String namespace;
    private final StatefulSetFactory factory;
    private final ExitListener listener;
    private final ConcurrentMap<String, Integer> seenRestarts = new ConcurrentHashMap<>();

    public KubernetesPlacement(KubernetesClient client, KubernetesSettings settings, StatefulSetFactory factory, ExitListener listener) {
        this.client = client;
        this.namespace = settings.namespace();
        this.factory = factory;
        this.listener = listener;
    }

    @Override
    public void start(ManagerSpec spec) {
        StatefulSet desired = factory.build(spec, 1);
        String hash = templateHash(desired);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ModelLabels.CHANGED_AT, Instant.now().toString());
        annotations.put(ModelLabels.TEMPLATE_HASH, hash);
        desired.getMetadata().setAnnotations(annotations);
        String name = desired.getMetadata().getName();
        StatefulSet current = statefulSets().withName(name).get();
        if (current == null) {
            statefulSets().resource(desired).create();
            Log.infof("created StatefulSet %s (pod class %s, replicas 1)", name, spec.podClass().name());
            return;
        }
        Map<String, String> currentAnnotations = current.getMetadata().getAnnotations();
        boolean sameTemplate = currentAnnotations != null && hash.equals(currentAnnotations.get(ModelLabels.TEMPLATE_HASH));
        if (Integer.valueOf(1).equals(current.getSpec().getReplicas()) && sameTemplate) {
            return;
        }
        statefulSets().withName(name).edit(sts -> {
            sts.getMetadata().setLabels(desired.getMetadata().getLabels());
            annotate(sts);
            sts.getMetadata().getAnnotations().put(ModelLabels.TEMPLATE_HASH, hash);
            sts.getSpec().setReplicas(1);
            sts.getSpec().setTemplate(desired.getSpec().getTemplate());
            return sts;
        });
        Log.infof("scaled StatefulSet %s to 1 (pod class %s)", name, spec.podClass().name());
    }

    @Override
    public void stop(ModelId model) {
        String name = ModelLabels.statefulSetName(model);
        StatefulSet current = statefulSets().withName(name).get();
        if (current == null || Integer.valueOf(0).equals(current.getSpec().getReplicas())) {
            return;
        }
        statefulSets().withName(name).edit(sts -> {
            annotate(sts);
            sts.getSpec().setReplicas(0);
            return sts;
        });
        Log.infof("scaled StatefulSet %s to 0", name);
    }

    @Override
    public void remove(ModelId model) {
        statefulSets().withName(ModelLabels.statefulSetName(model)).delete();
        Log.infof("deleted StatefulSet %s (its volume claim stays)", ModelLabels.statefulSetName(model));
    }

    @Override
    public Optional<PlacementInfo> find(ModelId model) {
        StatefulSet sts = statefulSets().withName(ModelLabels.statefulSetName(model)).get();
        if (sts == null) {
            return Optional.empty();
        }
        return Optional.of(observe(model, sts, pods().get(model)));
    }

    @Override
    public List<PlacementInfo> list() {
        Map<ModelId, Pod> pods = pods();
        List<PlacementInfo> all = new ArrayList<>();
        for (StatefulSet sts : statefulSets().withLabel(ModelLabels.MANAGED_BY, ModelLabels.DISPATCHER).list().getItems()) {
            String label = sts.getMetadata().getLabels().get(ModelLabels.MODEL);
            if (label != null && ModelId.isValid(label)) {
                ModelId model = ModelId.of(label);
                all.add(observe(model, sts, pods.get(model)));
            }
        }
        all.sort(Comparator.comparing(PlacementInfo::model));
        return all;
    }

    private PlacementInfo observe(ModelId model, StatefulSet sts, Pod pod) {
        if (pod != null) {
            PodStates.container(pod).ifPresent(c -> reportRestart(model, pod, c));
        }
        return PodStates.info(model, sts, Optional.ofNullable(pod));
    }

    private void reportRestart(ModelId model, Pod pod, ContainerStatus container) {
        int restarts = container.getRestartCount() == null ? 0 : container.getRestartCount();
        String key = pod.getMetadata().getUid() == null ? pod.getMetadata().getName() : pod.getMetadata().getUid();
        Integer before = seenRestarts.put(key, restarts);
        ContainerStateTerminated last = container.getLastState() == null ? null : container.getLastState().getTerminated();
        if (before != null && restarts > before && last != null) {
            Duration ranFor = PodStates.parse(last.getStartedAt()).flatMap(start -> PodStates.parse(last.getFinishedAt())
                    .map(end -> Duration.between(start, end))).orElse(Duration.ZERO);
            listener.exited(model, last.getExitCode() == null ? 1 : last.getExitCode(), ranFor);
        }
    }

    private Map<ModelId, Pod> pods() {
        Map<ModelId, Pod> byModel = new HashMap<>();
        for (Pod pod : client.pods().inNamespace(namespace).withLabel(ModelLabels.NAME, ModelLabels.MANAGER_NAME).list().getItems()) {
            String label = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(ModelLabels.MODEL);
            if (label != null && ModelId.isValid(label)) {
                byModel.put(ModelId.of(label), pod);
            }
        }
        return byModel;
    }

    /** A digest of the pod template we asked for; the API server adds defaults, so templates are not compared directly. */
    private static String templateHash(StatefulSet sts) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(SERIALIZATION.asJson(sts.getSpec().getTemplate()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void annotate(StatefulSet sts) {
        if (sts.getMetadata().getAnnotations() == null) {
            sts.getMetadata().setAnnotations(new LinkedHashMap<>());
        }
        sts.getMetadata().getAnnotations().put(ModelLabels.CHANGED_AT, Instant.now().toString());
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<StatefulSet, io.fabric8.kubernetes.api.model.apps.StatefulSetList,
            io.fabric8.kubernetes.client.dsl.RollableScalableResource<StatefulSet>> statefulSets() {
        return client.apps().statefulSets().inNamespace(namespace);
    }

    @Override
    public void close() {
        // the client belongs to whoever made it; StatefulSets outlive the dispatcher on purpose
    }
}
