package io.teatree.protocol;

import io.teatree.functions.InvalidFieldException;
import java.time.Instant;
import java.util.List;

/**
 * The manifest of one published read-only version, {@code models/<m>/v<N>/manifest.json} in S3 (docs/design.md, read-only versions),
 * written last: a version without a manifest does not exist.
 *
 * @param storageVersion the DuckDB storage compatibility version of the file (which DuckDB releases open it)
 */
public record Manifest(ModelId model, long version, Instant createdAt, String storageVersion, FileRef duckdb, List<Table> tables) {

    public Manifest {
        InvalidFieldException.require(model, "model");
        InvalidFieldException.require(createdAt, "createdAt");
        InvalidFieldException.require(duckdb, "duckdb");
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /** A stored file: its S3 URI, size and SHA-256 (hex). */
    public record FileRef(String uri, long bytes, String sha256) {
    }

    /** One table of the version with its Parquet archive. */
    public record Table(String name, long rows, List<Column> columns, FileRef parquet) {
    }

    /** A column and its DuckDB type. */
    public record Column(String name, String type) {
    }
}
