package io.teatree.manager.snapshot;

import io.smallrye.faulttolerance.api.Guard;
import io.teatree.manager.report.EventPublisher;
import io.teatree.protocol.EventType;
import io.teatree.protocol.Json;
import io.teatree.protocol.Manifest;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.VersionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Publishes one copied version: verifies it read-only, writes Parquet per table, uploads the DuckDB file and
 * the Parquet files, writes {@code manifest.json} LAST, records the control rows and announces
 * {@code snapshot.ready}; then trims old versions locally (current and previous stay) and in S3.
 * Runs on the snapshot thread.
 */
final class SnapshotPublisher {

    private static final Logger LOG = Logger.getLogger(SnapshotPublisher.class);

    private final ModelId model;
    private final Path versionsDir;
    private final S3Uploader uploader;
    private final VersionStore versions;
    private final EventPublisher events;
    private final int keepInS3;
    private final BooleanSupplier stopping;
    private final Guard postgres;

    SnapshotPublisher(ModelId model, Path versionsDir, S3Uploader uploader, VersionStore versions, EventPublisher events,
                      int keepInS3, BooleanSupplier stopping) {
        this.model = model;
        this.versionsDir = versionsDir;
        this.uploader = uploader;
        this.versions = versions;
        this.events = events;
        this.keepInS3 = keepInS3;
        this.stopping = stopping;
        this.postgres = UntilStopped.guard("teatree.manager.version-rows", stopping);
    }

    /** Publishes the copy {@code file} of {@code version}; returns its manifest. */
    Manifest publish(long version, Path file) throws Exception {
        long started = System.nanoTime();
        String prefix = "models/" + model.value() + "/v" + version + "/";
        Path tablesDir = versionsDir.resolve("v" + version);
        SnapshotFiles.deleteTree(tablesDir);
        List<Manifest.Table> tables = new ArrayList<>();
        String storageVersion;
        try (VersionReader reader = new VersionReader(file)) {
            long inFile = reader.version();
            if (inFile != version) {
                throw new IllegalStateException("copy of version " + version + " holds version " + inFile);
            }
            storageVersion = reader.storageVersion();
            for (VersionReader.TableInfo t : reader.tables()) {
                Path parquet = tablesDir.resolve(t.published() + ".parquet");
                reader.exportParquet(t, parquet);
                String key = prefix + "tables/" + t.published() + ".parquet";
                tables.add(new Manifest.Table(t.published(), t.rows(), t.columns(),
                        new Manifest.FileRef(uploader.uri(key), Files.size(parquet), SnapshotFiles.sha256(parquet))));
            }
        }
        long exported = System.nanoTime();
        Manifest.FileRef duckdb = new Manifest.FileRef(uploader.uri(prefix + "model.duckdb"), Files.size(file), SnapshotFiles.sha256(file));
        long hashed = System.nanoTime();
        uploader.put(prefix + "model.duckdb", file);
        for (Manifest.Table t : tables) {
            uploader.put(prefix + "tables/" + t.name() + ".parquet", tablesDir.resolve(t.name() + ".parquet"));
        }
        Manifest manifest = new Manifest(model, version, Instant.now(), storageVersion, duckdb, tables);
        uploader.put(prefix + "manifest.json", Json.write(manifest), "application/json");
        recordControlRows(manifest);
        events.publish(EventType.SNAPSHOT_READY, version, Json.MAPPER.valueToTree(manifest));
        LOG.infof("model %s: version %d published (%d tables, %d bytes) in %d ms (verify + Parquet %d ms, sha256 %d ms, upload %d ms)",
                model, version, tables.size(), duckdb.bytes(), millis(started, System.nanoTime()), millis(started, exported),
                millis(exported, hashed), millis(hashed, System.nanoTime()));
        trim(version);
        return manifest;
    }

    private static long millis(long from, long to) {
        return Duration.ofNanos(to - from).toMillis();
    }

    /** Records the version in Postgres, retried until the manager stops; a version left unrecorded is logged. */
    private void recordControlRows(Manifest manifest) throws InterruptedException {
        try {
            postgres.call(() -> {
                versions.record(manifest);
                return null;
            }, Void.class);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.warnf("model %s: version %d is in S3 but not yet in Postgres (%s)", model, manifest.version(), e.getMessage());
        }
    }

    /** Keeps the current and the previous version locally, and {@code keepInS3} versions in S3. */
    private void trim(long current) {
        try (var files = Files.list(versionsDir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                String digits = name.replaceAll("^v(\\d+)(\\.duckdb)?$", "$1");
                if (!digits.equals(name) && Long.parseLong(digits) < current - 1) {
                    SnapshotFiles.deleteTree(p);
                }
            }
            List<Long> published = versions.numbers(model);
            if (published.size() > keepInS3) {
                long keepFrom = published.get(keepInS3 - 1);
                for (long old : published.subList(keepInS3, published.size())) {
                    uploader.deletePrefix("models/" + model.value() + "/v" + old + "/");
                }
                versions.deleteBefore(model, keepFrom);
            }
        } catch (Exception e) {
            LOG.warnf("model %s: trimming old versions failed: %s", model, e.getMessage());
        }
    }
}
