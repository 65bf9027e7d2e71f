package io.teatree.api.versions;

import io.quarkus.logging.Log;
import io.teatree.api.config.ApiConfig;
import io.teatree.api.problem.Problems;
import io.teatree.protocol.Manifest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local copies of published version files, {@code <cache-dir>/<model>/v<N>.duckdb}. A version is fetched
 * from S3 at most once (concurrent requests for the same version wait for the one fetch), through a temporary
 * name, and kept only when its SHA-256 matches the manifest. A file left by an earlier process is checked once
 * before it is trusted. Files never change once in place. Thread-safe; blocking.
 */
@ApplicationScoped
public class VersionFiles {

    private final Path dir;
    private final VersionObjects objects;
    private final Set<VersionKey> verified = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<VersionKey, Object> fetching = new ConcurrentHashMap<>();

    public VersionFiles(ApiConfig config, VersionObjects objects) {
        this.dir = config.versions().cacheDir()
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "teatree-versions")).toAbsolutePath();
        this.objects = objects;
    }

    /** The verified local file of {@code key} whose S3 object and checksum {@code duckdb} names, fetched if needed. */
    public Path file(VersionKey key, Manifest.FileRef duckdb) {
        Path target = dir.resolve(key.model().value()).resolve("v" + key.version() + ".duckdb");
        if (verified.contains(key)) {
            return target;
        }
        synchronized (fetching.computeIfAbsent(key, k -> new Object())) {
            if (verified.contains(key)) {
                return target;
            }
            try {
                if (!Files.isRegularFile(target) || Files.size(target) != duckdb.bytes() || !sha256(target).equalsIgnoreCase(duckdb.sha256())) {
                    fetch(key, duckdb, target);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the cached file " + target, e);
            }
            verified.add(key);
            return target;
        }
    }

    private void fetch(VersionKey key, Manifest.FileRef duckdb, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            String sha = objects.download(duckdb.uri(), part);
            if (!sha.equalsIgnoreCase(duckdb.sha256())) {
                throw Problems.corruptVersion("the file of " + key + " has SHA-256 " + sha + ", its manifest says " + duckdb.sha256());
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Log.infof("cached version %s (%d bytes) at %s", key, duckdb.bytes(), target);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha = VersionObjects.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
