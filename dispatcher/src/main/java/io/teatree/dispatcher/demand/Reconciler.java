package io.teatree.dispatcher.demand;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Runs {@link Supervisor#reconcile} on start and every {@code teatree.dispatcher.reconcile-interval}. */
@ApplicationScoped
public class Reconciler {

    @Inject
    Supervisor supervisor;

    @Scheduled(every = "${teatree.dispatcher.reconcile-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        try {
            supervisor.reconcile();
        } catch (RuntimeException e) {
            Log.warnf("reconcile failed, retrying next round: %s", e.getMessage());
        }
    }
}
