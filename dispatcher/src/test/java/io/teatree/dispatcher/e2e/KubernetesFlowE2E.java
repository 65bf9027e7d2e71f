package io.teatree.dispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.teatree.dispatcher.adapter.DemandWatch;
import io.teatree.dispatcher.adapter.NatsManagerEvents;
import io.teatree.dispatcher.adapter.NatsPendingWork;
import io.teatree.dispatcher.adapter.PostgresModelDirectory;
import io.teatree.dispatcher.demand.CrashBackoff;
import io.teatree.dispatcher.demand.Supervisor;
import io.teatree.dispatcher.leader.KubernetesLeadership;
import io.teatree.dispatcher.placement.ManagerSpec;
import io.teatree.dispatcher.placement.kubernetes.DispatcherRbac;
import io.teatree.dispatcher.placement.kubernetes.KubernetesPlacement;
import io.teatree.dispatcher.placement.kubernetes.KubernetesSettings;
import io.teatree.dispatcher.placement.kubernetes.StatefulSetFactory;
import io.teatree.dispatcher.podclass.PodClass;
import io.teatree.dispatcher.podclass.PodClasses;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Streams;
import io.teatree.protocol.control.ControlStore;
import io.teatree.service.manager.ManagerEnvironment;
import io.teatree.testkit.NatsUser;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes flow on Fabric8's mock API server with a harness playing the kubelet and real db-manager
 * processes: two dispatchers elect a leader; an intent creates the model's StatefulSet with its pod class
 * and scales it to 1, the intent is applied, the idle manager is scaled to 0, the next intent scales it up
 * again, the other dispatcher takes over when the leader leaves, a stray StatefulSet is removed, and the
 * dispatchers call nothing the chart's Role does not grant.
 */
@WithTeatreeServers
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesFlowE2E {

    static KubernetesClient client;
    static KubernetesMockServer server;

    private static final String NS = "teatree";
    private static final String DISPATCHER_AGENT = "teatree-dispatcher-e2e";
    private static final ModelId MODEL = ModelId.of("kube-flow");
    private static final Duration IDLE = Duration.ofSeconds(4);
    private static final Duration APPLIED = Duration.ofSeconds(90);

    private Connection nats;
    private DataSource dataSource;
    private Kubelet kubelet;
    private ManagerEnvironment environment;
    private KubernetesSettings settings;
    private final ScheduledExecutorService loops = Executors.newScheduledThreadPool(2);

    @BeforeEach
    void setUp(TeatreeServers servers) throws Exception {
        Path jar = ManagerJar.require();
        IsolatedDatabase database = IsolatedDatabase.create(servers, "teatree_k8s");
        String jdbcUrl = database.jdbcUrl();
        dataSource = database.dataSource();
        nats = Nats.connect(servers.nats().url());
        Streams.provision(nats, Duration.ofDays(1));

        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("teatree-postgres").endMetadata()
                .addToStringData("username", servers.postgres().user()).addToStringData("password", servers.postgres().password()).build())
                .createOr(r -> r.update());
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("teatree-s3").endMetadata()
                .addToStringData("access-key", servers.s3().accessKey()).addToStringData("secret-key", servers.s3().secretKey()).build())
                .createOr(r -> r.update());
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("teatree-nats").endMetadata()
                .addToStringData("username", NatsUser.MANAGER.userName()).addToStringData("password", servers.nats().password(NatsUser.MANAGER))
                .build()).createOr(r -> r.update());
        environment = new ManagerEnvironment(servers.nats().address(), "unused", "unused", jdbcUrl, "unused", "unused", servers.s3().endpoint(),
                servers.s3().region(), TeatreeServers.BUCKET, "unused", "unused");
        settings = new KubernetesSettings(NS, "ghcr.io/teatree/db-manager:0.1.0", "IfNotPresent", Optional.of("standard"),
                "teatree-postgres", "teatree-s3", "teatree-nats", IDLE.multipliedBy(2));
        kubelet = new Kubelet(client, NS, jar, servers.newDirectory("kubelet-")).start();
    }

    @AfterEach
    void tearDown() throws Exception {
        loops.shutdownNow();
        if (kubelet != null) {
            kubelet.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    @Test
    void statefulSetsFollowDemandUnderOneLeader() throws Exception {
        ControlStore control = new ControlStore(dataSource);
        control.createModel(MODEL, "medium");
        Intents intents = new Intents(nats, control);
        Replica a = dispatcher("dispatcher-a");
        await().atMost(Duration.ofSeconds(15)).until(a::leads);
        Replica b = dispatcher("dispatcher-b");

        UUID create = intents.createTable(MODEL, "events");
        UUID first = intents.append(MODEL, "events", 1);
        awaitSucceeded(intents, List.of(create, first));
        StatefulSet sts = statefulSet(MODEL);
        var container = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getResources().getLimits()).containsEntry("cpu", new Quantity("4")).containsEntry("memory", new Quantity("4Gi"));
        assertThat(kubelet.environment("teatree-model-kube-flow-0")).containsEntry("TEATREE_MANAGER_DUCKDB_MEMORY_LIMIT", "3072MiB")
                .containsEntry("TEATREE_MANAGER_DUCKDB_THREADS", "4").containsEntry("TEATREE_MANAGER_MODEL", "kube-flow");
        assertThat(sts.getMetadata().getLabels()).containsEntry("teatree.io/model", "kube-flow");

        await().atMost(Duration.ofSeconds(60)).until(() -> statefulSet(MODEL).getSpec().getReplicas() == 0);
        await().atMost(Duration.ofSeconds(40)).until(() -> client.pods().inNamespace(NS).withName("teatree-model-kube-flow-0").get() == null);

        UUID second = intents.append(MODEL, "events", 2);
        awaitSucceeded(intents, List.of(second));
        assertThat(statefulSet(MODEL).getSpec().getReplicas()).isEqualTo(1);

        a.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> b.leads() && !a.leads());
        await().atMost(Duration.ofSeconds(60)).until(() -> statefulSet(MODEL).getSpec().getReplicas() == 0);
        UUID third = intents.append(MODEL, "events", 3);
        awaitSucceeded(intents, List.of(third));
        assertThat(control.countIntents(MODEL, IntentStatus.SUCCEEDED)).isEqualTo(4);

        StatefulSet stray = new StatefulSetFactory(settings, environment)
                .build(new ManagerSpec(ModelId.of("stray-model"), new PodClass("small", 2, "2Gi", "10Gi")), 1);
        client.apps().statefulSets().inNamespace(NS).resource(stray).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> client.apps().statefulSets().inNamespace(NS).withName("teatree-model-stray-model").get() == null);
        b.close();

        assertThat(dispatcherCalls()).isEqualTo(granted());
    }

    /** One dispatcher replica: its supervisor, election, demand watch and reconcile loop. */
    private record Replica(Supervisor supervisor, KubernetesLeadership leadership, DemandWatch watch, ScheduledFuture<?> loop)
            implements AutoCloseable {

        boolean leads() {
            return leadership.isLeader();
        }

        @Override
        public void close() {
            loop.cancel(false);
            watch.close();
            supervisor.close();
        }
    }

    private Replica dispatcher(String identity) {
        KubernetesClient own = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withUserAgent(DISPATCHER_AGENT).build()).build();
        AtomicReference<Supervisor> self = new AtomicReference<>();
        KubernetesLeadership leadership = new KubernetesLeadership(own, NS, "teatree-dispatcher", identity, Duration.ofSeconds(4),
                Duration.ofSeconds(3), Duration.ofMillis(500), () -> Optional.ofNullable(self.get()).ifPresent(Supervisor::reconcile));
        StatefulSetFactory factory = new StatefulSetFactory(settings, environment);
        Supervisor supervisor = new Supervisor(listener -> new KubernetesPlacement(own, settings, factory, listener),
                new PostgresModelDirectory(new ControlStore(dataSource)), new NatsPendingWork(nats), new NatsManagerEvents(nats), leadership,
                new PodClasses(Map.of("small", new PodClass("small", 2, "2Gi", "10Gi"), "medium", new PodClass("medium", 4, "4Gi", "20Gi"))),
                new CrashBackoff(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofMinutes(1)), 3, IDLE, Clock.systemUTC());
        self.set(supervisor);
        DemandWatch watch = new DemandWatch(nats, supervisor).start();
        ScheduledFuture<?> loop = loops.scheduleWithFixedDelay(() -> {
            try {
                supervisor.reconcile();
            } catch (RuntimeException e) {
                System.err.println(identity + " reconcile: " + e);
            }
        }, 0, 1, TimeUnit.SECONDS);
        return new Replica(supervisor, leadership, watch, loop);
    }

    private static StatefulSet statefulSet(ModelId model) {
        return client.apps().statefulSets().inNamespace(NS).withName("teatree-model-" + model.value()).get();
    }

    private static void awaitSucceeded(Intents intents, List<UUID> ids) {
        await().atMost(APPLIED).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (UUID id : ids) {
                assertThat(intents.status(id)).as("intent %s", id).isEqualTo(IntentStatus.SUCCEEDED);
            }
        });
    }

    private static Set<String> dispatcherCalls() throws InterruptedException {
        Set<String> calls = new HashSet<>();
        RecordedRequest request;
        while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            if (DISPATCHER_AGENT.equals(request.getHeader("User-Agent"))) {
                ApiCalls.rbac(request).ifPresent(calls::add);
            }
        }
        return calls;
    }

    private static Set<String> granted() {
        Set<String> granted = new HashSet<>();
        DispatcherRbac.RULES.forEach(rule -> rule.verbs().forEach(verb -> granted.add(rule.apiGroup() + "/" + rule.resource() + ":" + verb)));
        return granted;
    }
}
