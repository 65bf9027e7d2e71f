package io.teatree.manager.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.teatree.manager.store.LedgerEntry;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.telemetry.LabelCap;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ManagerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static LedgerEntry entry(String function, IntentStatus status) {
        return new LedgerEntry(UUID.randomUUID(), 1, status, Instant.now(), function, null, null, null, null);
    }

    @Test
    void outcomesAreCountedByFunctionAndFunctionsOverTheCapAreAggregated() {
        ManagerMetrics metrics = new ManagerMetrics(registry, ModelId.of("m1"), new LabelCap(10), new LabelCap(2));
        metrics.outcomes(List.of(entry("append", IntentStatus.SUCCEEDED), entry("append", IntentStatus.SUCCEEDED),
                entry("append", IntentStatus.FAILED), entry("create_table", IntentStatus.SUCCEEDED),
                entry("upsert", IntentStatus.SUCCEEDED), entry("delete", IntentStatus.FAILED), entry(null, IntentStatus.FAILED)));

        assertThat(count("teatree.manager.intents.applied", "append")).isEqualTo(2);
        assertThat(count("teatree.manager.intents.failed", "append")).isEqualTo(1);
        assertThat(count("teatree.manager.intents.applied", "create_table")).isEqualTo(1);
        // the cap of two admitted append and create_table; everything later is _other
        assertThat(count("teatree.manager.intents.applied", LabelCap.OTHER)).isEqualTo(1);
        assertThat(count("teatree.manager.intents.failed", LabelCap.OTHER)).isEqualTo(2);
        assertThat(registry.find("teatree.manager.intents.applied").tag("function", "upsert").counter()).isNull();
    }

    @Test
    void aModelOverTheCapIsReportedAsOther() {
        new ManagerMetrics(registry, ModelId.of("m1"), new LabelCap(0), new LabelCap(2)).version(7);
        assertThat(registry.get("teatree.manager.version").tag("model", LabelCap.OTHER).gauge().value()).isEqualTo(7);
        assertThat(registry.find("teatree.manager.version").tag("model", "m1").gauge()).isNull();
    }

    @Test
    void batchesSnapshotsAndLeaseEventsAreRecorded() {
        ManagerMetrics metrics = new ManagerMetrics(registry, ModelId.of("m1"), new LabelCap(10), new LabelCap(10));
        metrics.batch(32, 5_000_000);
        metrics.batch(8, 1_000_000);
        metrics.snapshotPublished(2_000_000_000L, 1_000);
        metrics.snapshotFailed();
        metrics.leaseRenewed();
        metrics.leaseRenewed();
        metrics.leaseLost();
        metrics.pending(12);

        assertThat(registry.get("teatree.manager.batch.size").tag("model", "m1").summary().totalAmount()).isEqualTo(40);
        assertThat(registry.get("teatree.manager.batch.apply").tag("model", "m1").timer().count()).isEqualTo(2);
        assertThat(registry.get("teatree.manager.snapshots").tags("model", "m1", "outcome", "published").counter().count()).isEqualTo(1);
        assertThat(registry.get("teatree.manager.snapshots").tags("model", "m1", "outcome", "failed").counter().count()).isEqualTo(1);
        assertThat(registry.get("teatree.manager.snapshot.bytes").tag("model", "m1").summary().totalAmount()).isEqualTo(1_000);
        assertThat(registry.get("teatree.manager.lease.renewals").tag("model", "m1").counter().count()).isEqualTo(2);
        assertThat(registry.get("teatree.manager.lease.losses").tag("model", "m1").counter().count()).isEqualTo(1);
        assertThat(registry.get("teatree.manager.pending.intents").tag("model", "m1").gauge().value()).isEqualTo(12);
    }

    private double count(String name, String function) {
        return registry.get(name).tags("model", "m1", "function", function).counter().count();
    }
}
