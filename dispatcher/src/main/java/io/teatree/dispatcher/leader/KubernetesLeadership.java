package io.teatree.dispatcher.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Leader election between dispatcher replicas with a {@code coordination.k8s.io} Lease (Fabric8's
 * {@code LeaderElector}): only the leader places managers, so two replicas never fight over a StatefulSet.
 * Verbs used on Leases: get, create, patch. {@code onLeading} runs on the elector's thread each time this
 * replica becomes leader. Thread-safe.
 */
public final class KubernetesLeadership implements Leadership {

    private final CompletableFuture<?> election;
    private volatile boolean leader;

    /**
     * Joins the election at once.
     *
     * @param leaseName     name of the Lease
     * @param identity      this replica's name in the Lease
     * @param leaseDuration how long a silent leader keeps the Lease
     * @param renewDeadline how long the leader tries to renew before giving up
     * @param retryPeriod   how often candidates try
     * @param onLeading     run when this replica becomes leader (e.g. a reconcile)
     */
    public KubernetesLeadership(KubernetesClient client, String namespace, String leaseName, String identity, Duration leaseDuration,
                                Duration renewDeadline, Duration retryPeriod, Runnable onLeading) {
        LeaderCallbacks callbacks = new LeaderCallbacks(() -> {
            leader = true;
            Log.infof("%s leads (Lease %s/%s)", identity, namespace, leaseName);
            onLeading.run();
        }, () -> {
            leader = false;
            Log.infof("%s no longer leads", identity);
        }, newLeader -> Log.infof("leader is now %s", newLeader));
        this.election = client.leaderElector()
                .withConfig(new LeaderElectionConfigBuilder()
                        .withName(leaseName)
                        .withLock(new LeaseLock(namespace, leaseName, identity))
                        .withLeaseDuration(leaseDuration)
                        .withRenewDeadline(renewDeadline)
                        .withRetryPeriod(retryPeriod)
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(callbacks)
                        .build())
                .build()
                .start();
    }

    @Override
    public boolean isLeader() {
        return leader && !election.isDone();
    }

    @Override
    public void close() {
        election.cancel(true);
        leader = false;
    }
}
