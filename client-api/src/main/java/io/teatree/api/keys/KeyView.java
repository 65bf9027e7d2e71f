package io.teatree.api.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.teatree.api.auth.ApiKey;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored key; {@code key} (the secret) is present only in the answer that created it. */
@Schema(description = "An API key")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyView(String id,
                      @Schema(description = "the secret, shown once at creation") String key,
                      String role, String modelPattern, Instant createdAt, Instant revokedAt) {

    public static KeyView of(ApiKey key, String secret) {
        return new KeyView(key.id(), secret, key.role().wireName(), key.modelPattern().glob(), key.createdAt(), key.revokedAt());
    }
}
