package io.teatree.api.versions;

import io.teatree.protocol.Manifest;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One published version in a list (its manifest without tables). */
@Schema(description = "A published read-only version")
public record VersionView(long version, Instant createdAt, String storageVersion, Manifest.FileRef duckdb) {

    public static VersionView of(Manifest manifest) {
        return new VersionView(manifest.version(), manifest.createdAt(), manifest.storageVersion(), manifest.duckdb());
    }
}
