package io.teatree.manager.lease;

import io.teatree.manager.telemetry.ManagerMetrics;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.ControlStoreUnavailableException;
import io.teatree.protocol.control.LeaseStore;
import io.teatree.service.log.ModelMdc;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Holds the model's single-writer lease (docs/design.md, invariants): takes it (waiting while another manager holds it),
 * renews it every third of its length on its own thread, and reports it lost the moment a renewal finds
 * another owner. While Postgres is unreachable the lease cannot be taken by anyone else either, so the
 * writer keeps going; the file lock and epoch fencing guard the model file itself.
 */
public final class LeaseKeeper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);

    private final LeaseStore store;
    private final ModelId model;
    private final String owner;
    private final Duration lease;
    private final ManagerMetrics metrics;
    private final ScheduledExecutorService renewer;
    private final Instant started;
    private volatile long epoch = -1;
    private volatile boolean lost;
    private volatile Runnable onLost = () -> { };

    public LeaseKeeper(LeaseStore store, ModelId model, String owner, Duration lease, ManagerMetrics metrics) {
        this(store, model, owner, Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()), lease, metrics);
    }

    /** @param started when this manager's process started, recorded with the lease as the owner's since */
    public LeaseKeeper(LeaseStore store, ModelId model, String owner, Instant started, Duration lease, ManagerMetrics metrics) {
        this.started = started;
        this.store = store;
        this.model = model;
        this.owner = owner;
        this.lease = lease;
        this.metrics = metrics;
        this.renewer = Executors.newSingleThreadScheduledExecutor(ModelMdc.threads("lease-renewer", model, true));
    }

    /** When this manager's process started: the lease's {@code owner_since}. */
    public Instant started() {
        return started;
    }

    /** Waits until the lease is ours and returns the epoch; empty when {@code stopping} turned true first. */
    public OptionalLong acquire(BooleanSupplier stopping) throws InterruptedException {
        long lastLog = 0;
        while (!stopping.getAsBoolean()) {
            try {
                OptionalLong taken = store.acquire(model, owner, lease, started);
                if (taken.isPresent()) {
                    epoch = taken.getAsLong();
                    LOG.infof("model %s: lease taken by %s with epoch %d", model, owner, epoch);
                    return taken;
                }
                if (System.nanoTime() - lastLog > Duration.ofSeconds(10).toNanos()) {
                    LOG.infof("model %s: waiting for the lease, another manager holds it", model);
                    lastLog = System.nanoTime();
                }
            } catch (ControlStoreUnavailableException e) {
                if (System.nanoTime() - lastLog > Duration.ofSeconds(10).toNanos()) {
                    LOG.warnf("model %s: cannot reach Postgres to take the lease: %s", model, e.getMessage());
                    lastLog = System.nanoTime();
                }
            }
            Thread.sleep(Math.max(100, lease.toMillis() / 10));
        }
        return OptionalLong.empty();
    }

    /** Starts renewing every third of the lease; {@code whenLost} runs once if the lease is taken away. */
    public void startRenewing(Runnable whenLost) {
        this.onLost = whenLost;
        long every = Math.max(50, lease.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        if (lost) {
            return;
        }
        try {
            if (store.renew(model, owner, epoch, lease)) {
                metrics.leaseRenewed();
            } else {
                lost = true;
                metrics.leaseLost();
                LOG.errorf("model %s: lease lost (epoch %d is no longer ours); stopping writes", model, epoch);
                onLost.run();
            }
        } catch (ControlStoreUnavailableException e) {
            LOG.warnf("model %s: cannot renew the lease, Postgres unreachable: %s", model, e.getMessage());
        }
    }

    public boolean lost() {
        return lost;
    }

    public long epoch() {
        return epoch;
    }

    public String owner() {
        return owner;
    }

    /** Stops renewing and gives the lease up so the next manager need not wait for it to expire. */
    @Override
    public void close() {
        renewer.shutdownNow();
        if (epoch >= 0 && !lost) {
            try {
                store.release(model, owner, epoch);
            } catch (ControlStoreUnavailableException e) {
                LOG.warnf("model %s: lease not released (it expires by itself): %s", model, e.getMessage());
            }
        }
    }
}
