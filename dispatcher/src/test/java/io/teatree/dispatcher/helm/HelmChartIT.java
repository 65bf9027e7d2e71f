package io.teatree.dispatcher.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.teatree.dispatcher.placement.kubernetes.DispatcherRbac;
import io.teatree.dispatcher.placement.kubernetes.ModelLabels;
import io.teatree.protocol.ModelId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Helm chart through helm-java: lint, render, schema, Fabric8 parsing, RBAC, and the plain manifests. */
class HelmChartIT {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Path CUSTOM_VALUES = Path.of("src/test/resources/helm/custom-values.yaml").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void lintStrictPassesWithDefaultValues() {
        LintResult result = new Helm(Chart.DIR).lint().strict().call();
        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
    }

    @Test
    void lintStrictPassesWithCustomValues() throws IOException {
        Path copy = tmp.resolve("teatree");
        Chart.copyTree(Chart.DIR, copy);
        Files.copy(CUSTOM_VALUES, copy.resolve("values.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        LintResult result = new Helm(copy).lint().strict().call();
        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
    }

    @Test
    void defaultValuesRenderTheServicesTheirAccessAndTheTestHook() throws IOException {
        List<HasMetadata> objects = parse(Chart.templateWithHooks(tmp, t -> t));
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
                "Secret/teatree-postgres", "Secret/teatree-s3", "Secret/teatree-nats-api", "Secret/teatree-nats-dispatcher",
                "Secret/teatree-nats-manager", "ConfigMap/teatree-pod-classes", "ConfigMap/teatree-dashboards",
                "NetworkPolicy/teatree-client-api", "NetworkPolicy/teatree-dispatcher", "NetworkPolicy/teatree-models",
                "ServiceAccount/teatree-dispatcher", "Role/teatree-dispatcher", "RoleBinding/teatree-dispatcher",
                "Service/teatree-client-api", "Service/teatree-dispatcher",
                "Deployment/teatree-client-api", "Deployment/teatree-dispatcher", "Pod/teatree-test-api-ready");
        Deployment dispatcher = (Deployment) objects.stream().filter(o -> o.getMetadata().getName().equals("teatree-dispatcher")
                && o instanceof Deployment).findFirst().orElseThrow();
        assertThat(dispatcher.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("TEATREE_DISPATCHER_PLACEMENT=kubernetes"));
        io.fabric8.kubernetes.api.model.Pod hook = (io.fabric8.kubernetes.api.model.Pod) objects.stream()
                .filter(o -> o.getKind().equals("Pod")).findFirst().orElseThrow();
        assertThat(hook.getSpec().getContainers().get(0).getArgs()).contains("http://teatree-client-api.teatree.svc:80/q/health/ready");
        assertThat(Files.readString(Chart.DIR.resolve("templates/tests/api-ready-test.yaml"))).contains("helm.sh/hook: test");
    }

    @Test
    void customValuesRenderTheIngressAndUseExistingSecrets() {
        List<HasMetadata> objects = parse(Chart.template(t -> t.withValuesFile(CUSTOM_VALUES)));
        assertThat(objects).extracting(HasMetadata::getKind).contains("Ingress").doesNotContain("Secret");
        String rendered = Chart.template(t -> t.withValuesFile(CUSTOM_VALUES));
        assertThat(rendered).contains("name: TEATREE_DISPATCHER_KUBERNETES_STORAGE_CLASS", "value: \"fast-ssd\"",
                "TEATREE_DISPATCHER_POD_CLASSES_XLARGE_MEMORY: \"128Gi\"", "name: analytics-postgres", "name: analytics-nats-api",
                "name: analytics-nats-dispatcher", "value: analytics-nats-manager");
    }

    @Test
    void theDashboardShipsAsAGrafanaSidecarConfigMapUnlessDisabled() throws IOException {
        ConfigMap dashboards = parse(Chart.template(t -> t)).stream().filter(o -> o instanceof ConfigMap)
                .map(ConfigMap.class::cast).filter(c -> c.getMetadata().getName().equals("teatree-dashboards")).findFirst().orElseThrow();
        assertThat(dashboards.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(Chart.YAML.readTree(dashboards.getData().get("teatree.json")))
                .isEqualTo(Chart.YAML.readTree(Files.readString(Chart.DIR.resolve("dashboards/teatree.json"))));

        assertThat(parse(Chart.template(t -> t.set("dashboards.enabled", false))))
                .noneMatch(o -> o.getMetadata().getName().equals("teatree-dashboards"));
    }

    @Test
    void tracingAndJsonLogsReachTheApiAndTheDispatcherWhichHandsThemToTheManagers() {
        List<HasMetadata> untraced = parse(Chart.template(t -> t));
        for (String deployment : List.of("teatree-client-api", "teatree-dispatcher")) {
            assertThat(env(untraced, deployment)).as(deployment).contains("TEATREE_LOG_JSON=false")
                    .noneMatch(e -> e.startsWith("OTEL_"));
            assertThat(deployment(untraced, deployment).getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/q/metrics");
        }
        List<HasMetadata> traced = parse(Chart.template(t -> t.withValuesFile(CUSTOM_VALUES)));
        for (String deployment : List.of("teatree-client-api", "teatree-dispatcher")) {
            assertThat(env(traced, deployment)).as(deployment).contains("TEATREE_LOG_JSON=true",
                    "OTEL_EXPORTER_OTLP_ENDPOINT=http://otel-collector.observability.svc:4318", "OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf");
        }
    }

    @Test
    void theSchemaRejectsAnUnknownOtlpProtocol() {
        assertThatThrownBy(() -> Chart.template(t -> t.set("observability.otlpProtocol", "thrift"))).hasMessageContaining("otlpProtocol");
    }

    @Test
    void theSchemaRejectsAnUnknownPodClass() {
        assertThatThrownBy(() -> Chart.template(t -> t.set("podClasses.huge.cpus", 64)))
                .hasMessageContaining("huge");
    }

    @Test
    void theSchemaRejectsANegativeMemory() {
        assertThatThrownBy(() -> Chart.template(t -> t.set("podClasses.small.memory", "-2Gi")))
                .hasMessageContaining("memory");
    }

    @Test
    void theSchemaRejectsAnUnknownTopLevelKey() {
        assertThatThrownBy(() -> Chart.template(t -> t.set("replicaCount", 3))).hasMessageContaining("replicaCount");
    }

    @Test
    void everyRenderedObjectParsesWithFabric8WithoutUnknownFields() {
        for (String values : List.of("default", "custom")) {
            String rendered = values.equals("default") ? Chart.templateWithHooks(tmp.resolve(values), t -> t)
                    : Chart.templateWithHooks(tmp.resolve(values), t -> t.withValuesFile(CUSTOM_VALUES));
            for (String doc : Chart.documents(rendered)) {
                HasMetadata object = SERIALIZATION.unmarshal(doc);
                assertThat(object).as(doc).isNotNull();
                assertThat(object.getClass().getSimpleName()).as("a typed Fabric8 model for %s", object.getKind())
                        .isNotEqualTo("GenericKubernetesResource");
                assertThat(FabricStrictness.unknownFields(object)).as("unknown fields of %s %s (%s values)", object.getKind(),
                        object.getMetadata().getName(), values).isEmpty();
            }
        }
    }

    @Test
    void modelPodsTakeOnlyMetricsScrapesAndReachOnlyDnsAndTheirServers() {
        List<HasMetadata> objects = parse(Chart.template(t -> t.withValuesFile(CUSTOM_VALUES)));
        NetworkPolicy models = networkPolicy(objects, "teatree-models");
        assertThat(ModelLabels.all(ModelId.of("sales"), "small")).containsAllEntriesOf(models.getSpec().getPodSelector().getMatchLabels());
        assertThat(models.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(models.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(8082);
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "monitoring"));
        });
        assertThat(models.getSpec().getEgress()).flatExtracting(rule -> rule.getPorts()).extracting(p -> p.getPort().getIntVal())
                .containsExactlyInAnyOrder(53, 53, 4222, 5432, 443, 4318);
        assertThat(models.getSpec().getEgress()).filteredOn(rule -> rule.getTo() != null && !rule.getTo().isEmpty()).singleElement()
                .satisfies(rule -> assertThat(rule.getTo().get(0).getIpBlock().getCidr()).isEqualTo("10.20.0.0/16"));
        assertThat(networkPolicy(parse(Chart.template(t -> t)), "teatree-models").getSpec().getEgress())
                .flatExtracting(rule -> rule.getPorts()).extracting(p -> p.getPort().getIntVal())
                .containsExactlyInAnyOrder(53, 53, 4222, 5432, 443, 9000, 4317, 4318);
        assertThat(networkPolicy(parse(Chart.template(t -> t)), "teatree-models").getSpec().getIngress())
                .as("no ingress at all by default").isEmpty();

        NetworkPolicy dispatcher = networkPolicy(objects, "teatree-dispatcher");
        assertThat(dispatcher.getSpec().getIngress()).singleElement().satisfies(rule -> assertThat(rule.getFrom())
                .anySatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/instance", "teatree")));
        assertThat(networkPolicy(objects, "teatree-client-api").getSpec().getIngress()).singleElement()
                .satisfies(rule -> assertThat(rule.getFrom()).isNotEmpty());
        assertThat(parse(Chart.template(t -> t.set("networkPolicy.enabled", false)))).noneMatch(o -> o instanceof NetworkPolicy);
    }

    @Test
    void everyServiceAndManagerGetsItsOwnNatsUserFromASecret() {
        List<HasMetadata> objects = parse(Chart.template(t -> t));
        assertThat(deployment(objects, "teatree-client-api").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .filteredOn(e -> e.getName().startsWith("TEATREE_NATS_USER") || e.getName().startsWith("TEATREE_NATS_PASSWORD"))
                .hasSize(2).allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("teatree-nats-api"));
        assertThat(deployment(objects, "teatree-dispatcher").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("TEATREE_DISPATCHER_KUBERNETES_NATS_SECRET=teatree-nats-manager"))
                .filteredOn(e -> e.getName().equals("TEATREE_NATS_PASSWORD"))
                .singleElement().satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("teatree-nats-dispatcher"));
        assertThat(String.join("\n", env(objects, "teatree-client-api"))).doesNotContain("change-me");
    }

    private static NetworkPolicy networkPolicy(List<HasMetadata> objects, String name) {
        return objects.stream().filter(o -> o instanceof NetworkPolicy && o.getMetadata().getName().equals(name))
                .map(NetworkPolicy.class::cast).findFirst().orElseThrow();
    }

    @Test
    void theRoleGrantsExactlyWhatTheDispatcherCalls() {
        Role role = (Role) parse(Chart.template(t -> t)).stream().filter(o -> o instanceof Role).findFirst().orElseThrow();
        Set<String> granted = new HashSet<>();
        role.getRules().forEach(rule -> rule.getApiGroups().forEach(group -> rule.getResources().forEach(resource ->
                rule.getVerbs().forEach(verb -> granted.add(group + "/" + resource + ":" + verb)))));
        Set<String> used = new HashSet<>();
        DispatcherRbac.RULES.forEach(rule -> rule.verbs().forEach(verb -> used.add(rule.apiGroup() + "/" + rule.resource() + ":" + verb)));
        assertThat(granted).isEqualTo(used);
        assertThat(role.getRules()).allSatisfy(rule -> {
            assertThat(rule.getVerbs()).doesNotContain("*");
            assertThat(rule.getResources()).doesNotContain("*");
        });
    }

    @Test
    void theK8sManifestsEqualTheChartRenderedWithDefaultValues() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String doc : Chart.documents(Chart.template(t -> t))) {
            JsonNode tree = Chart.tree(doc);
            if (tree.path("metadata").path("annotations").has("helm.sh/hook")) {
                continue;
            }
            expected.put(K8sManifests.fileName(tree), doc);
        }
        if (Boolean.getBoolean("k8s.update")) {
            K8sManifests.write(expected);
        }
        Map<String, String> actual = K8sManifests.read();
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((file, doc) -> assertThat(Chart.tree(actual.get(file))).as(file).isEqualTo(Chart.tree(doc)));
        JsonNode namespace = Chart.tree(Files.readString(Chart.MANIFESTS.resolve(K8sManifests.NAMESPACE_FILE)));
        assertThat(namespace.path("metadata").path("name").asText()).isEqualTo(Chart.NAMESPACE);
    }

    private static Deployment deployment(List<HasMetadata> objects, String name) {
        return objects.stream().filter(o -> o instanceof Deployment && o.getMetadata().getName().equals(name)).map(Deployment.class::cast)
                .findFirst().orElseThrow();
    }

    private static List<String> env(List<HasMetadata> objects, String deployment) {
        return deployment(objects, deployment).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .map(e -> e.getName() + "=" + e.getValue()).toList();
    }

    private static List<HasMetadata> parse(String rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : Chart.documents(rendered)) {
            objects.add(SERIALIZATION.unmarshal(doc));
        }
        return objects;
    }
}
