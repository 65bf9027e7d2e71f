package io.teatree.protocol;

import io.teatree.functions.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Intent ids: UUIDv7 (RFC 9562, time-ordered) for new intents, and a stable name-based UUID for a client's
 * {@code Idempotency-Key}, so the same key on the same model always maps to the same intent. Thread-safe.
 */
public final class IntentIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private IntentIds() {
    }

    /** A new UUIDv7: 48 bits of Unix milliseconds, version 7, 74 random bits. */
    public static UUID newId() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** The intent id for a client's idempotency key on a model (name-based, so stable across restarts). */
    public static UUID fromIdempotencyKey(ModelId model, String key) {
        if (key == null || key.isBlank() || key.length() > 255) {
            throw new InvalidFieldException("Idempotency-Key", "Idempotency-Key must be 1 to 255 characters");
        }
        return UUID.nameUUIDFromBytes(("teatree:" + model.value() + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** Parses an intent id, naming the field when it is not a UUID. */
    public static UUID parse(String value, String field) {
        try {
            return UUID.fromString(InvalidFieldException.require(value, field));
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidFieldException) {
                throw e;
            }
            throw new InvalidFieldException(field, "'" + field + "' is not a UUID");
        }
    }
}
