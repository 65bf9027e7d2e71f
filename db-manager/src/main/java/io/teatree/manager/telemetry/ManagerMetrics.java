package io.teatree.manager.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.teatree.manager.store.LedgerEntry;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.telemetry.LabelCap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The manager's Micrometer meters for its model (names in docs/db-manager.md). The {@code model} and
 * {@code function} labels are bounded by {@link LabelCap}s. Histograms have explicit buckets only.
 * Thread-safe: the writer, the lease renewer and the snapshot thread all report here.
 */
public final class ManagerMetrics {

    private static final double[] BATCH_SIZES = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000};
    private static final Duration[] APPLY_TIMES = durations(1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000);
    private static final Duration[] SNAPSHOT_TIMES = durations(50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000,
            120_000, 300_000);
    private static final double[] SNAPSHOT_SIZES = {1 << 16, 1 << 20, 16 << 20, 64 << 20, 256 << 20, 1L << 30, 4L << 30,
            16L << 30, 64L << 30};

    private final MeterRegistry registry;
    private final String model;
    private final LabelCap functions;
    private final Map<String, Counter> applied = new ConcurrentHashMap<>();
    private final Map<String, Counter> failed = new ConcurrentHashMap<>();
    private final DistributionSummary batchSize;
    private final Timer batchApply;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong version = new AtomicLong();
    private final Timer snapshotDuration;
    private final DistributionSummary snapshotBytes;
    private final Counter snapshotsPublished;
    private final Counter snapshotsFailed;
    private final Counter leaseRenewals;
    private final Counter leaseLosses;

    public ManagerMetrics(MeterRegistry registry, ModelId model, LabelCap models, LabelCap functions) {
        this.registry = registry;
        this.model = models.of(model.value());
        this.functions = functions;
        this.batchSize = DistributionSummary.builder("teatree.manager.batch.size").description("Intents per batch")
                .tag("model", this.model).serviceLevelObjectives(BATCH_SIZES).register(registry);
        this.batchApply = Timer.builder("teatree.manager.batch.apply").description("Time to apply and commit one batch in DuckDB")
                .tag("model", this.model).serviceLevelObjectives(APPLY_TIMES).register(registry);
        Gauge.builder("teatree.manager.pending.intents", pending, AtomicLong::get).strongReference(true)
                .description("Intents stored for the model and not yet acknowledged").tag("model", this.model).register(registry);
        Gauge.builder("teatree.manager.version", version, AtomicLong::get).strongReference(true)
                .description("The model's last committed version").tag("model", this.model).register(registry);
        this.snapshotDuration = Timer.builder("teatree.manager.snapshot.duration")
                .description("From CHECKPOINT to the version announced").tag("model", this.model)
                .serviceLevelObjectives(SNAPSHOT_TIMES).register(registry);
        this.snapshotBytes = DistributionSummary.builder("teatree.manager.snapshot.bytes").description("Size of a published version's DuckDB file")
                .baseUnit(BaseUnits.BYTES).tag("model", this.model).serviceLevelObjectives(SNAPSHOT_SIZES).register(registry);
        this.snapshotsPublished = snapshots("published");
        this.snapshotsFailed = snapshots("failed");
        this.leaseRenewals = Counter.builder("teatree.manager.lease.renewals").description("Lease renewals")
                .tag("model", this.model).register(registry);
        this.leaseLosses = Counter.builder("teatree.manager.lease.losses").description("Leases found taken by another owner")
                .tag("model", this.model).register(registry);
    }

    private Counter snapshots(String outcome) {
        return Counter.builder("teatree.manager.snapshots").description("Versions published or failed")
                .tag("model", model).tag("outcome", outcome).register(registry);
    }

    /** One batch of {@code size} intents took {@code nanos} to apply (including retries without failed intents). */
    public void batch(int size, long nanos) {
        batchSize.record(size);
        batchApply.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts the outcomes of a committed batch by function. */
    public void outcomes(List<LedgerEntry> entries) {
        for (LedgerEntry entry : entries) {
            String function = functions.of(entry.function() == null ? "unknown" : entry.function());
            if (entry.status() == IntentStatus.SUCCEEDED) {
                applied.computeIfAbsent(function, f -> intents("teatree.manager.intents.applied", "Intents applied", f)).increment();
            } else {
                failed.computeIfAbsent(function, f -> intents("teatree.manager.intents.failed", "Intents failed", f)).increment();
            }
        }
    }

    private Counter intents(String name, String description, String function) {
        return Counter.builder(name).description(description).tag("model", model).tag("function", function).register(registry);
    }

    public void version(long committed) {
        version.set(committed);
    }

    public void pending(long intents) {
        pending.set(intents);
    }

    public void snapshotPublished(long nanos, long bytes) {
        snapshotDuration.record(nanos, TimeUnit.NANOSECONDS);
        snapshotBytes.record(bytes);
        snapshotsPublished.increment();
    }

    public void snapshotFailed() {
        snapshotsFailed.increment();
    }

    public void leaseRenewed() {
        leaseRenewals.increment();
    }

    public void leaseLost() {
        leaseLosses.increment();
    }

    private static Duration[] durations(long... millis) {
        Duration[] result = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            result[i] = Duration.ofMillis(millis[i]);
        }
        return result;
    }
}
