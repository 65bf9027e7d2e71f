package io.teatree.functions;

import java.nio.file.Path;

/**
 * A bulk payload, staged by the client API and fetched by the db-manager to a local file before the batch.
 *
 * @param format how the file is encoded
 * @param file   the local copy; read-only, deleted by the caller after the batch
 */
public record Payload(PayloadFormat format, Path file) {
}
