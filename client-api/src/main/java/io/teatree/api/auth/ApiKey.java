package io.teatree.api.auth;

import java.time.Instant;

/** A stored API key (without its secret, of which only the SHA-256 is kept). */
public record ApiKey(String id, Role role, ModelPattern modelPattern, Instant createdAt, Instant revokedAt) {

    public Caller caller() {
        return new Caller(id, role, modelPattern);
    }
}
