package io.teatree.dispatcher.wiring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.teatree.dispatcher.demand.Supervisor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The supervisor's counters at {@code /q/metrics}: manager starts, idle stops, crashes, and the queue depth. */
@ApplicationScoped
public class SupervisorMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, Supervisor supervisor) {
        FunctionCounter.builder("teatree.dispatcher.manager.starts", supervisor, Supervisor::starts)
                .description("managers started").register(registry);
        FunctionCounter.builder("teatree.dispatcher.manager.stops", supervisor, Supervisor::stops)
                .description("idle managers stopped").register(registry);
        FunctionCounter.builder("teatree.dispatcher.manager.crashes", supervisor, Supervisor::crashesTotal)
                .description("manager crashes").register(registry);
        Gauge.builder("teatree.dispatcher.pending.intents", supervisor, Supervisor::pendingIntents)
                .description("intents waiting on TEATREE_INTENTS at the last reconcile").register(registry);
    }
}
