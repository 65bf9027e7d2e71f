package io.teatree.dispatcher.wiring;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.teatree.dispatcher.DispatcherConfig;
import io.teatree.dispatcher.leader.KubernetesLeadership;
import io.teatree.dispatcher.leader.Leadership;
import io.teatree.dispatcher.placement.ExitListener;
import io.teatree.service.manager.ManagerEnvironment;
import io.teatree.dispatcher.placement.ManagerTelemetry;
import io.teatree.dispatcher.placement.Placement;
import io.teatree.dispatcher.placement.kubernetes.KubernetesPlacement;
import io.teatree.dispatcher.placement.kubernetes.KubernetesSettings;
import io.teatree.dispatcher.placement.kubernetes.StatefulSetFactory;
import io.teatree.dispatcher.placement.local.LocalPlacement;
import io.teatree.dispatcher.placement.local.LocalSettings;
import io.teatree.dispatcher.placement.local.ManagerCommand;
import io.teatree.dispatcher.placement.local.ManagerLauncher;
import java.util.function.Function;

/** Builds the placements and leadership from configuration. */
public final class Placements {

    private Placements() {
    }

    /** The local placement's settings. */
    public static LocalSettings localSettings(DispatcherConfig.Dispatcher d) {
        DispatcherConfig.Local local = d.local();
        return new LocalSettings(local.java().orElseGet(LocalSettings::currentJava), local.managerJar(), local.dataDir(),
                local.logDir().orElse(local.dataDir()), d.idleTimeout(), local.stopGrace(), local.functionsDir());
    }

    static Function<ExitListener, Placement> local(DispatcherConfig.Dispatcher d, ManagerEnvironment environment) {
        LocalSettings settings = localSettings(d);
        ManagerLauncher launcher = ManagerLauncher.of(new ManagerCommand(settings, environment));
        return listener -> new LocalPlacement(launcher, settings.logDir(), settings.stopGrace(), listener);
    }

    /**
     * The kubernetes placement's settings; the managers' own idle timeout is twice the dispatcher's, their
     * telemetry the dispatcher's own.
     */
    public static KubernetesSettings kubernetesSettings(DispatcherConfig.Dispatcher d, ManagerTelemetry telemetry, String namespace) {
        DispatcherConfig.Kubernetes k = d.kubernetes();
        return new KubernetesSettings(k.namespace().orElse(namespace), k.image(), k.imagePullPolicy(), k.storageClass(),
                k.postgresSecret(), k.s3Secret(), k.natsSecret(), d.idleTimeout().multipliedBy(2), telemetry);
    }

    static Function<ExitListener, Placement> kubernetes(DispatcherConfig.Dispatcher d, ManagerEnvironment environment, ManagerTelemetry telemetry,
                                                        KubernetesClient client) {
        ManagerEnvironment forPods = d.kubernetes().jdbcUrl().map(environment::withJdbcUrl).orElse(environment);
        KubernetesSettings settings = kubernetesSettings(d, telemetry, namespace(d, client));
        StatefulSetFactory factory = new StatefulSetFactory(settings, forPods);
        return listener -> new KubernetesPlacement(client, settings, factory, listener);
    }

    static Leadership leadership(DispatcherConfig.Dispatcher d, KubernetesClient client, Runnable onLeading) {
        DispatcherConfig.Kubernetes k = d.kubernetes();
        String identity = k.identity().orElseGet(() -> System.getenv().getOrDefault("HOSTNAME", "teatree-dispatcher"));
        return new KubernetesLeadership(client, namespace(d, client), k.leaseName(), identity, k.leaseDuration(), k.renewDeadline(),
                k.retryPeriod(), onLeading);
    }

    private static String namespace(DispatcherConfig.Dispatcher d, KubernetesClient client) {
        return d.kubernetes().namespace().orElseGet(() -> client.getNamespace() == null ? "default" : client.getNamespace());
    }
}
