package io.teatree.manager.snapshot;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.teatree.manager.config.ManagerConfig;
import io.teatree.manager.report.EventPublisher;
import io.teatree.manager.store.ModelDatabase;
import io.teatree.manager.telemetry.ManagerMetrics;
import io.teatree.manager.telemetry.ManagerTracer;
import io.teatree.protocol.Manifest;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.VersionStore;
import io.teatree.service.log.ModelMdc;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * Decides when to take a read-only version and takes the consistent copy on the writer thread: a
 * {@code CHECKPOINT} and a file copy while no write runs (the writer is the caller), so the writer pauses
 * only for the copy itself. Verification, Parquet, uploads and control rows then run on the snapshot thread.
 * Debounced: at most one per {@code min-interval}, always after {@code max-lag} versions, at once when a
 * {@code snapshot} intent asks, and for the last version before the manager stops. Each version gets a
 * {@code snapshot} span, a child of the {@code manager.batch} span that committed it. Writer thread only.
 */
public final class Snapshots implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Snapshots.class);

    private final ModelId model;
    private final ModelDatabase database;
    private final ManagerConfig.Snapshot config;
    private final Path versionsDir;
    private final SnapshotPublisher publisher;
    private final ExecutorService worker;
    private final ManagerTracer tracer;
    private final ManagerMetrics metrics;
    private volatile boolean stopping;
    private Future<?> inFlight;
    private volatile long lastCopied;
    private long lastCopiedAt;
    private SpanContext lastBatch = SpanContext.getInvalid();

    public Snapshots(ModelId model, ModelDatabase database, ManagerConfig.Snapshot config, S3Client s3, S3TransferManager transfers,
                     String bucket, VersionStore versions, EventPublisher events, long publishedVersion, ManagerTracer tracer,
                     ManagerMetrics metrics) {
        this.model = model;
        this.database = database;
        this.config = config;
        this.versionsDir = database.file().getParent().resolve("versions");
        this.publisher = new SnapshotPublisher(model, versionsDir, new S3Uploader(s3, transfers, bucket, () -> stopping), versions, events,
                config.keepInS3(), () -> stopping);
        this.lastCopied = publishedVersion;
        this.tracer = tracer;
        this.metrics = metrics;
        this.worker = Executors.newSingleThreadExecutor(ModelMdc.threads("snapshot", model, false));
    }

    /**
     * After a commit: snapshot when due. {@code requested} is true when the batch held a {@code snapshot} intent;
     * {@code batch} is the committing batch's span context (invalid when not traced).
     */
    public void afterCommit(long version, boolean requested, SpanContext batch) {
        lastBatch = batch;
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
        long started = System.nanoTime();
        Span span = tracer.startSnapshot(lastBatch, version);
        try {
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
                publish(version, copy, started, span);
                return null;
            });
        } catch (Exception e) {
            LOG.errorf(e, "model %s: snapshot of version %d failed", model, version);
            metrics.snapshotFailed();
            ManagerTracer.failed(span, e);
            span.end();
        }
    }

    /** On the snapshot thread. */
    private void publish(long version, Path copy, long started, Span span) {
        try {
            Manifest manifest = publisher.publish(version, copy);
            span.setAttribute(ManagerTracer.SNAPSHOT_BYTES, manifest.duckdb().bytes());
            metrics.snapshotPublished(System.nanoTime() - started, manifest.duckdb().bytes());
        } catch (InterruptedException e) {
            LOG.warnf("model %s: version %d not published: %s", model, version, e.getMessage());
            metrics.snapshotFailed();
            ManagerTracer.failed(span, e);
        } catch (Exception e) {
            LOG.errorf(e, "model %s: publishing version %d failed", model, version);
            metrics.snapshotFailed();
            ManagerTracer.failed(span, e);
            lastCopied = Math.min(lastCopied, version - 1);
        } finally {
            span.end();
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
