package io.teatree.functions;

import java.nio.file.Path;

/**
 * A bulk payload, staged by the client API and fetched by the db-manager to a local file before the batch.
 *
 * @param format {@code csv}, {@code ndjson}, {@code json} (an array of objects), {@code arrow} (IPC stream) or {@code parquet}
 * @param file   the local copy; read-only, deleted by the caller after the batch
 */
public record Payload(String format, Path file) {
}
