package io.teatree.api.auth;

import io.teatree.protocol.control.ApiKeyRow;
import java.time.Instant;

/** A stored API key (without its secret, of which only the SHA-256 is kept). */
public record ApiKey(String id, Role role, ModelPattern modelPattern, Instant createdAt, Instant revokedAt) {

    /** The key of a stored row. */
    public static ApiKey of(ApiKeyRow row) {
        return new ApiKey(row.id(), Role.fromWire(row.role()), new ModelPattern(row.modelPattern()), row.createdAt(), row.revokedAt());
    }

    public Caller caller() {
        return new Caller(id, role, modelPattern);
    }
}
