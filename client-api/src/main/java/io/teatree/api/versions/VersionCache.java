package io.teatree.api.versions;

import io.quarkus.logging.Log;
import io.teatree.api.config.ApiConfig;
import io.teatree.protocol.Manifest;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * The published versions open for queries, keyed by model and version. Each version is opened READ_ONLY once,
 * as its own locked DuckDB instance, and shared by every concurrent query through one connection per query
 * ({@code duplicate()}). At most {@code teatree.versions.open-limit} idle versions stay open, least recently
 * used closed first; a version with an open {@link VersionLease} is never closed, so a reader holding version N
 * keeps working while N+1 and N+2 appear. Thread-safe; opening a version blocks (fetch from S3, open).
 */
@ApplicationScoped
public class VersionCache {

    private final VersionFiles files;
    private final int openLimit;
    private final LinkedHashMap<VersionKey, OpenVersion> open = new LinkedHashMap<>(16, 0.75f, true);

    public VersionCache(VersionFiles files, ApiConfig config) {
        this.files = files;
        this.openLimit = Math.max(1, config.versions().openLimit());
    }

    /**
     * A lease on the version {@code manifest} describes, fetching and opening it when needed.
     *
     * @throws SQLException when DuckDB cannot open the file
     */
    public VersionLease acquire(Manifest manifest) throws SQLException {
        VersionKey key = new VersionKey(manifest.model(), manifest.version());
        Path file = files.file(key, manifest.duckdb());
        OpenVersion version;
        synchronized (this) {
            version = open.get(key);
            if (version == null) {
                version = OpenVersion.open(key, file);
                open.put(key, version);
                Log.infof("opened version %s read-only", key);
            }
            version.retain();
            closeIdleOverLimit();
        }
        try {
            DuckDBConnection connection = version.connect();
            return new VersionLease(this, version, connection);
        } catch (SQLException | RuntimeException e) {
            release(version);
            throw e;
        }
    }

    /** The versions open now, least recently used first. */
    public synchronized List<VersionKey> openVersions() {
        return new ArrayList<>(open.keySet());
    }

    synchronized void release(OpenVersion version) {
        version.release();
        closeIdleOverLimit();
    }

    private void closeIdleOverLimit() {
        Iterator<OpenVersion> lru = open.values().iterator();
        while (open.size() > openLimit && lru.hasNext()) {
            OpenVersion candidate = lru.next();
            if (candidate.idle()) {
                lru.remove();
                close(candidate);
            }
        }
    }

    @PreDestroy
    synchronized void closeAll() {
        open.values().forEach(VersionCache::close);
        open.clear();
    }

    private static void close(OpenVersion version) {
        try {
            version.close();
            Log.infof("closed version %s", version.key());
        } catch (SQLException e) {
            Log.warnf("closing version %s failed: %s", version.key(), e.getMessage());
        }
    }
}
