package io.teatree.manager.snapshot;

import io.teatree.manager.ManagerConfig;
import io.teatree.manager.report.EventPublisher;
import io.teatree.manager.store.ModelDatabase;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.VersionStore;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Decides when to take a read-only version and takes the consistent copy on the writer thread: a
 * {@code CHECKPOINT} and a file copy while no write runs (the writer is the caller), so the writer pauses
 * only for the copy itself. Verification, Parquet, uploads and control rows then run on the snapshot thread.
 * Debounced: at most one per {@code min-interval}, always after {@code max-lag} versions, at once when a
 * {@code snapshot} intent asks, and for the last version before the manager stops. Writer thread only.
 */
public final class Snapshots implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Snapshots.class);

    private final ModelId model;
    private final ModelDatabase database;
    private final ManagerConfig.Snapshot config;
    private final Path versionsDir;
    private final SnapshotPublisher publisher;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "snapshot"));
    private volatile boolean stopping;
    private Future<?> inFlight;
    private volatile long lastCopied;
    private long lastCopiedAt;

    public Snapshots(ModelId model, ModelDatabase database, ManagerConfig.Snapshot config, S3Client s3, String bucket,
                     VersionStore versions, EventPublisher events, long publishedVersion) {
        this.model = model;
        this.database = database;
        this.config = config;
        this.versionsDir = database.file().getParent().resolve("versions");
        this.publisher = new SnapshotPublisher(model, versionsDir, new S3Uploader(s3, bucket, () -> stopping), versions, events,
                config.keepInS3(), () -> stopping);
        this.lastCopied = publishedVersion;
    }

    /** After a commit: snapshot when due. {@code requested} is true when the batch held a {@code snapshot} intent. */
    public void afterCommit(long version, boolean requested) {
        boolean lagging = version - lastCopied >= config.maxLag();
        boolean intervalPassed = System.nanoTime() - lastCopiedAt >= config.minInterval().toNanos();
        if (version > lastCopied && (requested || lagging || intervalPassed)) {
            take(version);
        }
    }

    /** Between batches with nothing to do: publish the newest version once the interval has passed. */
    public void whenIdle(long version) {
        if (version > lastCopied && System.nanoTime() - lastCopiedAt >= config.minInterval().toNanos()) {
            take(version);
        }
    }

    private void take(long version) {
        if (inFlight != null && !inFlight.isDone()) {
            return; // the snapshot thread is busy (or S3 is away): the next call takes the newest version
        }
        try {
            long started = System.nanoTime();
            try (Statement st = database.connection().createStatement()) {
                st.execute("CHECKPOINT");
            }
            database.commit();
            Path copy = versionsDir.resolve("v" + version + ".duckdb");
            SnapshotFiles.copy(database.file(), copy);
            LOG.debugf("model %s: version %d copied in %d ms", model, version, Duration.ofNanos(System.nanoTime() - started).toMillis());
            lastCopied = version;
            lastCopiedAt = System.nanoTime();
            inFlight = worker.submit(() -> {
                try {
                    publisher.publish(version, copy);
                } catch (InterruptedException e) {
                    LOG.warnf("model %s: version %d not published: %s", model, version, e.getMessage());
                } catch (Exception e) {
                    LOG.errorf(e, "model %s: publishing version %d failed", model, version);
                    lastCopied = Math.min(lastCopied, version - 1);
                }
                return null;
            });
        } catch (Exception e) {
            LOG.errorf(e, "model %s: snapshot of version %d failed", model, version);
        }
    }

    /** Takes the last version if it is not taken yet and waits (bounded) for it to be published. */
    public void finish(long version) {
        if (version > lastCopied) {
            if (inFlight != null && !inFlight.isDone()) {
                await(config.shutdownWait());
            }
            take(version);
        }
        await(config.shutdownWait());
    }

    private void await(Duration timeout) {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("model %s: last snapshot not published before stopping (%s); the next manager publishes it", model, e.getMessage());
        }
    }

    @Override
    public void close() {
        stopping = true;
        worker.shutdownNow();
    }
}
