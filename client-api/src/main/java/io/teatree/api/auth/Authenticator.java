package io.teatree.api.auth;

import io.teatree.api.config.ApiConfig;
import io.teatree.api.problem.Problems;
import io.teatree.protocol.control.ApiKeyStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a bearer token to its {@link Caller}. Keys are looked up by the SHA-256 of the token and cached
 * for {@code teatree.auth.cache-ttl}; the bootstrap key from configuration is checked in memory, so it works
 * even before Postgres is reachable. Thread-safe.
 */
@ApplicationScoped
public class Authenticator {

    /** Key id of the configured bootstrap admin key. */
    public static final String BOOTSTRAP_ID = "bootstrap";

    private record Cached(Caller caller, long expiresAtNanos) {
    }

    private final ApiKeyStore store;
    private final boolean enabled;
    private final Optional<byte[]> bootstrapHash;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Authenticator(ApiKeyStore store, ApiConfig config) {
        this.store = store;
        this.enabled = config.auth().enabled();
        this.bootstrapHash = config.auth().bootstrapKey().filter(k -> !k.isBlank())
                .map(k -> Secrets.sha256(k).getBytes(StandardCharsets.UTF_8));
        this.ttlNanos = config.auth().cacheTtl().toNanos();
    }

    public boolean enabled() {
        return enabled;
    }

    /** The caller for an {@code Authorization} header value; 401 when it is missing or not a live key. */
    public Caller authenticate(String authorization) {
        if (!enabled) {
            return Caller.ANONYMOUS_ADMIN;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
            throw Problems.unauthorized("send an API key as 'Authorization: Bearer <key>'");
        }
        String hash = Secrets.sha256(authorization.substring(7).trim());
        if (bootstrapHash.isPresent() && MessageDigest.isEqual(bootstrapHash.get(), hash.getBytes(StandardCharsets.UTF_8))) {
            return new Caller(BOOTSTRAP_ID, Role.ADMIN, ModelPattern.ALL);
        }
        Cached cached = cache.get(hash);
        long now = System.nanoTime();
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached.caller();
        }
        Caller caller = lookup(hash);
        cache.put(hash, new Cached(caller, now + ttlNanos));
        return caller;
    }

    /** Forgets cached keys, e.g. after a revocation on this replica. */
    public void invalidate() {
        cache.clear();
    }

    private Caller lookup(String hash) {
        return store.findLive(hash).map(ApiKey::of).map(ApiKey::caller)
                .orElseThrow(() -> Problems.unauthorized("unknown or revoked API key"));
    }
}
