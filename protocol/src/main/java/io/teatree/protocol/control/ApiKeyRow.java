package io.teatree.protocol.control;

import java.time.Instant;

/**
 * A row of {@code api_key}, without the secret's hash.
 *
 * @param role         {@code reader}, {@code writer} or {@code admin}
 * @param modelPattern the glob of model ids the key may touch
 * @param revokedAt    when it was revoked, or null while it is live
 */
public record ApiKeyRow(String id, String role, String modelPattern, Instant createdAt, Instant revokedAt) {
}
