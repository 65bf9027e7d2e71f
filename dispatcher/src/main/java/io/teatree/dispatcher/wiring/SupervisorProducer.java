package io.teatree.dispatcher.wiring;

import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nats.client.Connection;
import io.teatree.dispatcher.DispatcherConfig;
import io.teatree.dispatcher.adapter.NatsManagerEvents;
import io.teatree.dispatcher.adapter.NatsPendingWork;
import io.teatree.dispatcher.adapter.PostgresModelDirectory;
import io.teatree.dispatcher.demand.CrashBackoff;
import io.teatree.dispatcher.demand.Supervisor;
import io.teatree.dispatcher.leader.Leadership;
import io.teatree.dispatcher.placement.ExitListener;
import io.teatree.dispatcher.placement.ManagerTelemetry;
import io.teatree.dispatcher.placement.Placement;
import io.teatree.dispatcher.podclass.PodClasses;
import io.teatree.protocol.control.ControlStore;
import io.teatree.service.manager.ManagerEnvironment;
import io.teatree.service.nats.NatsConfig;
import io.teatree.service.s3.S3Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Wires the supervisor with the configured placement, the Postgres and NATS adapters and leadership. */
@ApplicationScoped
public class SupervisorProducer {

    @Produces
    @Singleton
    Supervisor supervisor(DispatcherConfig config, NatsConfig natsConfig, S3Config s3, AgroalDataSource dataSource, Connection nats, Instance<KubernetesClient> kubernetes,
                          @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                          @ConfigProperty(name = "quarkus.datasource.username") Optional<String> dbUser,
                          @ConfigProperty(name = "quarkus.datasource.password") Optional<String> dbPassword) {
        DispatcherConfig.Dispatcher d = config.dispatcher();
        ManagerEnvironment environment = new ManagerEnvironment(natsConfig.url(), d.managerNats().user(),
                d.managerNats().password().orElse(""), jdbcUrl, dbUser.orElse(""), dbPassword.orElse(""),
                s3.endpoint(), s3.region(), s3.bucket(), s3.accessKey(), s3.secretKey());
        AtomicReference<Supervisor> self = new AtomicReference<>();
        Function<ExitListener, Placement> placement;
        Leadership leadership;
        if (d.placement() == DispatcherConfig.PlacementKind.KUBERNETES) {
            KubernetesClient client = kubernetes.get();
            placement = Placements.kubernetes(d, environment, ManagerTelemetry.fromEnvironment(System.getenv()), client);
            leadership = Placements.leadership(d, client, () -> {
                Supervisor supervisor = self.get();
                if (supervisor != null) {
                    supervisor.reconcile();
                }
            });
        } else {
            placement = Placements.local(d, environment);
            leadership = Leadership.always();
        }
        Supervisor supervisor = new Supervisor(placement, new PostgresModelDirectory(new ControlStore(dataSource)), new NatsPendingWork(nats),
                new NatsManagerEvents(nats), leadership, PodClasses.of(d.podClasses()),
                new CrashBackoff(d.backoff().initial(), d.backoff().max(), d.backoff().healthyAfter()),
                d.backoff().crashloopAfter(), d.idleTimeout(), Clock.systemUTC());
        self.set(supervisor);
        return supervisor;
    }

    void close(@Disposes Supervisor supervisor) {
        supervisor.close();
    }
}
