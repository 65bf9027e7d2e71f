package io.teatree.dispatcher.placement.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.teatree.service.manager.ManagerEnvironment;
import io.teatree.service.manager.ManagerVariable;
import io.teatree.dispatcher.placement.ManagerSpec;
import io.teatree.dispatcher.placement.ManagerTelemetry;
import io.teatree.dispatcher.podclass.PodClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a model's StatefulSet from the template resource {@code kubernetes/model-statefulset.yaml},
 * patching only what varies (docs/design.md, placement): names, labels, replicas, image, resources and DuckDB limits of the
 * pod class, the servers' addresses, Secret names, the managers' log format and OTLP endpoint (the OTLP
 * variables are left out when there is no endpoint), volume size and storage class. Stateless and thread-safe.
 */
public final class StatefulSetFactory {

    static final String TEMPLATE = "/kubernetes/model-statefulset.yaml";
    private static final String CONTAINER = "db-manager";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final KubernetesSettings settings;
    private final ManagerEnvironment environment;

    public StatefulSetFactory(KubernetesSettings settings, ManagerEnvironment environment) {
        this.settings = settings;
        this.environment = environment;
    }

    /** The StatefulSet of {@code spec}'s model with {@code replicas} (0 or 1). */
    public StatefulSet build(ManagerSpec spec, int replicas) {
        if (replicas < 0 || replicas > 1) {
            throw new IllegalArgumentException("a model's StatefulSet has 0 or 1 replicas, not " + replicas);
        }
        StatefulSet sts = template();
        PodClass podClass = spec.podClass();
        Map<String, String> labels = ModelLabels.all(spec.model(), podClass.name());
        sts.getMetadata().setName(ModelLabels.statefulSetName(spec.model()));
        sts.getMetadata().setNamespace(settings.namespace());
        sts.getMetadata().setLabels(new LinkedHashMap<>(labels));
        sts.getSpec().setReplicas(replicas);
        sts.getSpec().setServiceName(ModelLabels.statefulSetName(spec.model()));
        sts.getSpec().setSelector(new LabelSelector(null, new LinkedHashMap<>(ModelLabels.selector(spec.model()))));

        PodTemplateSpec pod = sts.getSpec().getTemplate();
        if (pod.getMetadata() == null) {
            pod.setMetadata(new ObjectMeta());
        }
        pod.getMetadata().setLabels(new LinkedHashMap<>(labels));
        Container container = pod.getSpec().getContainers().stream().filter(c -> CONTAINER.equals(c.getName())).findFirst()
                .orElseThrow(() -> new IllegalStateException(TEMPLATE + " has no container " + CONTAINER));
        container.setImage(settings.image());
        container.setImagePullPolicy(settings.imagePullPolicy());
        container.setResources(resources(podClass));
        env(container, spec);

        PersistentVolumeClaim claim = sts.getSpec().getVolumeClaimTemplates().get(0);
        claim.getMetadata().setLabels(new LinkedHashMap<>(ModelLabels.selector(spec.model())));
        claim.getSpec().getResources().getRequests().put("storage", new Quantity(podClass.storage()));
        settings.storageClass().ifPresent(claim.getSpec()::setStorageClassName);
        return sts;
    }

    private static ResourceRequirements resources(PodClass podClass) {
        Map<String, Quantity> amounts = new LinkedHashMap<>();
        amounts.put("cpu", new Quantity(String.valueOf(podClass.cpus())));
        amounts.put("memory", new Quantity(podClass.memory()));
        ResourceRequirements resources = new ResourceRequirements();
        resources.setRequests(new LinkedHashMap<>(amounts));
        resources.setLimits(new LinkedHashMap<>(amounts));
        return resources;
    }

    private void env(Container container, ManagerSpec spec) {
        PodClass podClass = spec.podClass();
        ManagerTelemetry telemetry = settings.telemetry();
        container.getEnv().removeIf(var -> var.getName().equals(ManagerTelemetry.OTLP_ENDPOINT) && telemetry.otlpEndpoint().isEmpty()
                || var.getName().equals(ManagerTelemetry.OTLP_PROTOCOL) && telemetry.otlpProtocol().isEmpty());
        Map<ManagerVariable, String> plain = environment.plain(spec.model(), settings.managerIdleTimeout(),
                podClass.duckdbMemoryLimit(), podClass.duckdbThreads());
        for (EnvVar var : container.getEnv()) {
            Optional<ManagerVariable> contract = ManagerVariable.named(var.getName());
            if (contract.isPresent()) {
                contract(var, contract.get(), plain);
                continue;
            }
            switch (var.getName()) {
                case "JDK_JAVA_OPTIONS" -> var.setValue("-Xmx" + podClass.heapMib() + "m -XX:+ExitOnOutOfMemoryError");
                case ManagerTelemetry.LOG_JSON -> var.setValue(String.valueOf(telemetry.jsonLogs()));
                case ManagerTelemetry.OTLP_ENDPOINT -> var.setValue(telemetry.otlpEndpoint().orElseThrow());
                case ManagerTelemetry.OTLP_PROTOCOL -> var.setValue(telemetry.otlpProtocol().orElseThrow());
                default -> {
                    // fixed in the template
                }
            }
        }
    }

    /** Sets a variable of the manager's contract: a value, or the Secret a credential comes from. */
    private void contract(EnvVar var, ManagerVariable variable, Map<ManagerVariable, String> plain) {
        if (variable.secret()) {
            String secret = switch (variable) {
                case DB_USER, DB_PASSWORD -> settings.postgresSecret();
                case NATS_USER, NATS_PASSWORD -> settings.natsSecret();
                default -> settings.s3Secret();
            };
            var.getValueFrom().getSecretKeyRef().setName(secret);
        } else if (plain.containsKey(variable)) {
            var.setValue(plain.get(variable));
        }
        // else fixed in the template (data directory, HTTP port)
    }

    private static StatefulSet template() {
        try (InputStream in = StatefulSetFactory.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + TEMPLATE + " is missing");
            }
            return SERIALIZATION.unmarshal(in, StatefulSet.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
