package io.teatree.dispatcher.placement.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.teatree.service.manager.ManagerEnvironment;
import io.teatree.dispatcher.placement.ManagerSpec;
import io.teatree.dispatcher.placement.ManagerState;
import io.teatree.dispatcher.podclass.PodClass;
import io.teatree.protocol.ModelId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kubernetes placement against Fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesPlacementIT {

    static KubernetesClient client;

    private static final String NS = "teatree";
    private static final PodClass SMALL = new PodClass("small", 2, "2Gi", "10Gi");
    private static final PodClass LARGE = new PodClass("large", 8, "16Gi", "100Gi");

    private final List<String> exits = Collections.synchronizedList(new ArrayList<>());
    private KubernetesPlacement placement;

    @BeforeEach
    void setUp() {
        KubernetesSettings settings = new KubernetesSettings(NS, "db-manager:test", "IfNotPresent", Optional.of("standard"),
                "teatree-postgres", "teatree-s3", "teatree-nats", Duration.ofMinutes(4));
        ManagerEnvironment env = new ManagerEnvironment("nats://nats:4222", "manager", "np", "jdbc:postgresql://pg/teatree", "u", "p", "http://s3:9000",
                "us-east-1", "teatree", "a", "s");
        placement = new KubernetesPlacement(client, settings, new StatefulSetFactory(settings, env),
                (model, code, ranFor) -> exits.add(model + " " + code + " " + ranFor));
    }

    @Test
    void startCreatesTheStatefulSetOnceAndStopScalesItToZero() {
        ModelId model = ModelId.of("orders");
        placement.start(new ManagerSpec(model, SMALL));
        StatefulSet sts = statefulSet(model);
        assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
        assertThat(sts.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
                .containsEntry("cpu", new Quantity("2")).containsEntry("memory", new Quantity("2Gi"));
        assertThat(sts.getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName()).isEqualTo("standard");
        assertThat(placement.find(model).orElseThrow().state()).isEqualTo(ManagerState.STARTING);

        placement.start(new ManagerSpec(model, SMALL));
        assertThat(statefulSet(model).getMetadata().getResourceVersion()).isEqualTo(sts.getMetadata().getResourceVersion());

        Pod pod = runPod(model, true);
        assertThat(placement.find(model).orElseThrow().state()).isEqualTo(ManagerState.RUNNING);
        assertThat(placement.list()).extracting(p -> p.model().value()).contains("orders");

        placement.stop(model);
        assertThat(statefulSet(model).getSpec().getReplicas()).isZero();
        assertThat(placement.find(model).orElseThrow().state()).isEqualTo(ManagerState.STOPPING);
        client.pods().inNamespace(NS).resource(pod).delete();
        assertThat(placement.find(model).orElseThrow().state()).isEqualTo(ManagerState.STOPPED);

        placement.start(new ManagerSpec(model, LARGE));
        StatefulSet resized = statefulSet(model);
        assertThat(resized.getSpec().getReplicas()).isEqualTo(1);
        assertThat(resized.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
                .containsEntry("cpu", new Quantity("8")).containsEntry("memory", new Quantity("16Gi"));
        assertThat(resized.getMetadata().getLabels()).containsEntry("teatree.io/pod-class", "large");

        placement.remove(model);
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("teatree-model-orders").get()).isNull();
        assertThat(placement.find(model)).isEmpty();
    }

    @Test
    void aRestartedContainerIsReportedAndACrashLoopIsSeen() {
        ModelId model = ModelId.of("flaky");
        placement.start(new ManagerSpec(model, SMALL));
        Pod pod = runPod(model, true);
        assertThat(placement.find(model).orElseThrow().restarts()).isZero();

        Instant started = Instant.parse("2026-01-01T00:00:00Z");
        client.pods().inNamespace(NS).resource(pod).editStatus(p -> new PodBuilder(p).editStatus()
                .withContainerStatuses(new ContainerStatusBuilder().withName("db-manager").withRestartCount(1).withReady(false)
                        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                        .withNewLastState().withNewTerminated().withExitCode(2).withStartedAt(started.toString())
                        .withFinishedAt(started.plusSeconds(3).toString()).endTerminated().endLastState().build())
                .endStatus().build());

        assertThat(placement.find(model).orElseThrow().state()).isEqualTo(ManagerState.CRASHED);
        assertThat(exits).containsExactly("flaky 2 PT3S");
        assertThat(placement.find(model).orElseThrow().restarts()).isEqualTo(1);
        assertThat(exits).hasSize(1);
    }

    private StatefulSet statefulSet(ModelId model) {
        return client.apps().statefulSets().inNamespace(NS).withName(ModelLabels.statefulSetName(model)).get();
    }

    /** Does what the StatefulSet controller and the kubelet would: a pod, running and (un)ready. */
    private Pod runPod(ModelId model, boolean ready) {
        StatefulSet sts = statefulSet(model);
        Pod pod = client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata()
                .withName(sts.getMetadata().getName() + "-0").withLabels(sts.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                .withSpec(sts.getSpec().getTemplate().getSpec()).build()).create();
        return client.pods().inNamespace(NS).resource(pod).editStatus(p -> new PodBuilder(p).withStatus(new PodStatusBuilder()
                .withPhase("Running")
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
                        .withLastTransitionTime(Instant.now().toString()).build())
                .withContainerStatuses(new ContainerStatusBuilder().withName("db-manager").withReady(ready).withRestartCount(0)
                        .withNewState().withNewRunning().withStartedAt(Instant.now().toString()).endRunning().endState().build())
                .build()).build());
    }
}
