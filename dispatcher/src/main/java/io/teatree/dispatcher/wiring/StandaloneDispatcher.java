package io.teatree.dispatcher.wiring;

import io.nats.client.Connection;
import io.quarkus.logging.Log;
import io.teatree.dispatcher.adapter.DemandWatch;
import io.teatree.dispatcher.adapter.NatsManagerEvents;
import io.teatree.dispatcher.adapter.NatsPendingWork;
import io.teatree.dispatcher.adapter.PostgresModelDirectory;
import io.teatree.dispatcher.demand.CrashBackoff;
import io.teatree.dispatcher.demand.Supervisor;
import io.teatree.dispatcher.leader.Leadership;
import io.teatree.dispatcher.placement.local.LocalPlacement;
import io.teatree.dispatcher.placement.local.LocalSettings;
import io.teatree.dispatcher.placement.local.ManagerCommand;
import io.teatree.dispatcher.placement.local.ManagerLauncher;
import io.teatree.dispatcher.podclass.PodClasses;
import io.teatree.protocol.control.ControlStore;
import io.teatree.service.manager.ManagerEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The local dispatcher without the Quarkus service: a {@link Supervisor} over a {@link LocalPlacement}, its
 * demand watch on {@code teatree.intent.>} and a reconcile loop. For benchmarks and tools that measure
 * activation (an intent for a stopped model until it is applied) in one JVM. {@link #close()} stops the
 * loop, the watch and every manager.
 */
public final class StandaloneDispatcher implements AutoCloseable {

    private final Supervisor supervisor;
    private final DemandWatch watch;
    private final ScheduledExecutorService loop;

    private StandaloneDispatcher(Supervisor supervisor, DemandWatch watch, ScheduledExecutorService loop) {
        this.supervisor = supervisor;
        this.watch = watch;
        this.loop = loop;
    }

    /**
     * Starts a local dispatcher.
     *
     * @param settings          where the manager jar and the data live, the managers' idle timeout
     * @param environment       the servers the managers use
     * @param podClasses        the managers' sizes
     * @param controlTables     the Postgres control tables (models must be registered in {@code goal_model})
     * @param nats              a connection to NATS; the caller keeps and closes it
     * @param reconcileInterval how often pending intents are compared with running managers
     */
    public static StandaloneDispatcher local(LocalSettings settings, ManagerEnvironment environment, PodClasses podClasses,
                                             DataSource controlTables, Connection nats, Duration reconcileInterval) {
        ManagerLauncher launcher = ManagerLauncher.of(new ManagerCommand(settings, environment));
        Supervisor supervisor = new Supervisor(listener -> new LocalPlacement(launcher, settings.logDir(), settings.stopGrace(), listener),
                new PostgresModelDirectory(new ControlStore(controlTables)), new NatsPendingWork(nats), new NatsManagerEvents(nats), Leadership.always(),
                podClasses, new CrashBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(2)), 3,
                settings.idleTimeout(), Clock.systemUTC());
        DemandWatch watch = new DemandWatch(nats, supervisor).start();
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "teatree-reconcile");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(() -> {
            try {
                supervisor.reconcile();
            } catch (RuntimeException e) {
                Log.warnf("reconcile failed, retrying next round: %s", e.getMessage());
            }
        }, 0, reconcileInterval.toMillis(), TimeUnit.MILLISECONDS);
        return new StandaloneDispatcher(supervisor, watch, loop);
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    /** The local placement, e.g. for {@link LocalPlacement#pid}. */
    public LocalPlacement placement() {
        return (LocalPlacement) supervisor.placement();
    }

    @Override
    public void close() {
        loop.shutdownNow();
        watch.close();
        supervisor.close();
    }
}
