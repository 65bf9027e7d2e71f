package io.teatree.dispatcher.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two dispatcher replicas elect one leader with a Lease on Fabric8's mock API server. */
@EnableKubernetesMockClient(crud = true, https = false)
class LeaderElectionIT {

    static KubernetesClient client;

    @Test
    void exactlyOneReplicaLeadsAndTheOtherTakesOverWhenItLeaves() {
        AtomicInteger leadingA = new AtomicInteger();
        AtomicInteger leadingB = new AtomicInteger();
        Leadership a = leadership("dispatcher-a", leadingA);
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        Leadership b = leadership("dispatcher-b", leadingB);
        try {
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> a.isLeader() && !b.isLeader());
            Lease lease = client.leases().inNamespace("teatree").withName("teatree-dispatcher").get();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("dispatcher-a");
            assertThat(leadingA.get()).isEqualTo(1);

            a.close();
            await().atMost(Duration.ofSeconds(15)).until(() -> b.isLeader() && !a.isLeader());
            assertThat(client.leases().inNamespace("teatree").withName("teatree-dispatcher").get().getSpec().getHolderIdentity())
                    .isEqualTo("dispatcher-b");
            assertThat(leadingB.get()).isEqualTo(1);
        } finally {
            a.close();
            b.close();
        }
    }

    private static Leadership leadership(String identity, AtomicInteger leading) {
        return new KubernetesLeadership(client, "teatree", "teatree-dispatcher", identity, Duration.ofSeconds(4), Duration.ofSeconds(3),
                Duration.ofMillis(500), leading::incrementAndGet);
    }
}
