package io.teatree.dispatcher.e2e;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.teatree.dispatcher.placement.local.ProcessSpawner;
import io.teatree.testkit.Ports;
import io.teatree.testkit.ServiceJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the StatefulSet controller and the kubelet on Fabric8's mock API server: for a StatefulSet scaled to
 * 1 it creates pod {@code <name>-0} and runs the container's command as a real db-manager process with the
 * container's environment (Secrets resolved, the volume mapped to a local directory), marks the pod ready
 * when the manager's readiness endpoint answers 200, restarts a container that exited; for a StatefulSet
 * scaled to 0 it stops the process (SIGTERM) and deletes the pod.
 */
final class Kubelet implements AutoCloseable {

    /** One running container. */
    private record Container(Process process, int port, Instant startedAt) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final Path managerJar;
    private final Path volumes;
    private final ProcessSpawner spawner = new ProcessSpawner();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> startedEnv = new ConcurrentHashMap<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

    Kubelet(KubernetesClient client, String namespace, Path managerJar, Path volumes) {
        this.client = client;
        this.namespace = namespace;
        this.managerJar = managerJar;
        this.volumes = volumes;
    }

    Kubelet start() {
        loop.scheduleWithFixedDelay(this::syncQuietly, 0, 250, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The environment the pod's container was last started with. */
    Map<String, String> environment(String pod) {
        return startedEnv.get(pod);
    }

    /** The pid of the pod's running manager, or -1. */
    long pid(String pod) {
        Container c = containers.get(pod);
        return c != null && c.process().isAlive() ? c.process().pid() : -1;
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException | IOException e) {
            System.err.println("kubelet harness: " + e);
        }
    }

    private void sync() throws IOException {
        for (StatefulSet sts : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
            String podName = sts.getMetadata().getName() + "-0";
            Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
            int replicas = sts.getSpec().getReplicas() == null ? 0 : sts.getSpec().getReplicas();
            if (replicas == 1 && pod == null) {
                pod = client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(podName)
                        .withLabels(sts.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                        .withSpec(sts.getSpec().getTemplate().getSpec()).build()).create();
                run(sts, pod, 0, null);
            } else if (replicas == 1) {
                Container c = containers.get(podName);
                if (c == null || !c.process().isAlive()) {
                    int restarts = restarts(pod) + 1;
                    run(sts, pod, restarts, c);
                } else if (!ready(pod) && answersReady(c.port())) {
                    setStatus(pod, true, restarts(pod), c.startedAt(), null);
                }
            } else if (pod != null) {
                Container c = containers.remove(podName);
                if (c != null) {
                    c.process().destroy();
                    try {
                        if (!c.process().waitFor(30, TimeUnit.SECONDS)) {
                            c.process().destroyForcibly();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                client.pods().inNamespace(namespace).withName(podName).delete();
            }
        }
    }

    private void run(StatefulSet sts, Pod pod, int restarts, Container previous) throws IOException {
        String podName = pod.getMetadata().getName();
        io.fabric8.kubernetes.api.model.Container spec = pod.getSpec().getContainers().get(0);
        int port = Ports.free();
        ProcessBuilder builder = new ProcessBuilder(command());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("TEATREE_") || k.startsWith("QUARKUS_") || k.startsWith("JDK_JAVA"));
        for (EnvVar var : spec.getEnv()) {
            env.put(var.getName(), value(var));
        }
        String claim = sts.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName() + "-" + podName;
        Path volume = Files.createDirectories(volumes.resolve(claim));
        env.put("TEATREE_MANAGER_DATA_DIR", volume.toString());
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        startedEnv.put(podName, Map.copyOf(env));
        Path log = volumes.resolve(podName + ".log");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Container c = new Container(spawner.start(builder), port, Instant.now());
        containers.put(podName, c);
        Integer exit = previous == null ? null : previous.process().exitValue();
        setStatus(pod, false, restarts, c.startedAt(), exit == null ? null : new Object[] {exit, previous.startedAt()});
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ServiceJvm.FLAGS);
        command.add("-jar");
        command.add(managerJar.toString());
        return command;
    }

    private String value(EnvVar var) {
        if (var.getValueFrom() == null) {
            return var.getValue() == null ? "" : var.getValue();
        }
        if (var.getValueFrom().getSecretKeyRef() != null) {
            var ref = var.getValueFrom().getSecretKeyRef();
            Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
            if (secret == null) {
                throw new IllegalStateException("secret " + ref.getName() + " not found for " + var.getName());
            }
            if (secret.getStringData() != null && secret.getStringData().containsKey(ref.getKey())) {
                return secret.getStringData().get(ref.getKey());
            }
            return new String(Base64.getDecoder().decode(secret.getData().get(ref.getKey())), StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("unsupported valueFrom in " + var.getName());
    }

    private boolean answersReady(int port) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static int restarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null || pod.getStatus().getContainerStatuses().isEmpty()) {
            return 0;
        }
        Integer count = pod.getStatus().getContainerStatuses().get(0).getRestartCount();
        return count == null ? 0 : count;
    }

    private void setStatus(Pod pod, boolean ready, int restarts, Instant startedAt, Object[] lastExit) {
        ContainerStatusBuilder status = new ContainerStatusBuilder().withName("db-manager").withReady(ready).withRestartCount(restarts)
                .withNewState().withNewRunning().withStartedAt(startedAt.toString()).endRunning().endState();
        if (lastExit != null) {
            status.withNewLastState().withNewTerminated().withExitCode((Integer) lastExit[0]).withStartedAt(lastExit[1].toString())
                    .withFinishedAt(Instant.now().toString()).endTerminated().endLastState();
        }
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).editStatus(p -> new PodBuilder(p).withNewStatus()
                .withPhase("Running")
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
                        .withLastTransitionTime(Instant.now().toString()).build())
                .withContainerStatuses(status.build())
                .endStatus().build());
    }

    @Override
    public void close() {
        loop.shutdownNow();
        containers.values().forEach(c -> c.process().destroy());
        for (Container c : containers.values()) {
            try {
                if (!c.process().waitFor(20, TimeUnit.SECONDS)) {
                    c.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                c.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        spawner.close();
    }
}
