package io.teatree.dispatcher.wiring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.teatree.service.metrics.MetricsConfig;
import io.teatree.dispatcher.demand.Supervisor;
import io.teatree.dispatcher.telemetry.PendingIntentsGauge;
import io.teatree.protocol.telemetry.LabelCap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The supervisor at {@code /q/metrics}: manager starts, idle stops and crashes, the managers running and
 * the intents pending per model (bounded by {@code teatree.metrics.model-label-cap}) at the last reconcile.
 */
@ApplicationScoped
public class SupervisorMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, Supervisor supervisor, MetricsConfig config) {
        FunctionCounter.builder("teatree.dispatcher.manager.starts", supervisor, Supervisor::starts)
                .description("managers started").register(registry);
        FunctionCounter.builder("teatree.dispatcher.manager.stops", supervisor, Supervisor::stops)
                .description("idle managers stopped").register(registry);
        FunctionCounter.builder("teatree.dispatcher.manager.crashes", supervisor, Supervisor::crashesTotal)
                .description("manager crashes").register(registry);
        Gauge.builder("teatree.dispatcher.managers.running", supervisor, s -> s.workload().runningManagers())
                .description("managers starting or running at the last reconcile of the leading dispatcher").register(registry);
        PendingIntentsGauge pending = new PendingIntentsGauge(registry, new LabelCap(config.modelLabelCap()));
        supervisor.onWorkload(workload -> pending.update(workload.pending()));
        pending.update(supervisor.workload().pending());
    }
}
