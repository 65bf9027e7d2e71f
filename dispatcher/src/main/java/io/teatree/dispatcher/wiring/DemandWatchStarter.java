package io.teatree.dispatcher.wiring;

import io.nats.client.Connection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.teatree.dispatcher.adapter.DemandWatch;
import io.teatree.dispatcher.demand.Supervisor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Subscribes to intents when the service starts and unsubscribes when it stops; demands are traced ({@link DispatcherTracing}). */
@ApplicationScoped
public class DemandWatchStarter {

    private DemandWatch watch;

    void start(@Observes StartupEvent event, Connection connection, Supervisor supervisor, DispatcherTracing tracing) {
        watch = new DemandWatch(connection, supervisor, tracing.telemetry()).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (watch != null) {
            watch.close();
        }
    }
}
