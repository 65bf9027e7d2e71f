package io.teatree.api.intents;

import io.teatree.api.config.ApiConfig;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.ModelRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registered models for the submit path, so an intent costs no model lookup in Postgres: a model found is
 * trusted for {@code teatree.model-cache-ttl} (1 s), a model not found is looked up again every time (a model
 * registered on another API instance is usable at once). Only existence is read from it; status and versions
 * come from Postgres where they are shown. Thread-safe.
 */
@ApplicationScoped
public class ModelCache {

    private record Cached(ModelRow row, long expiresAtNanos) {
    }

    private final ControlStore control;
    private final long ttlNanos;
    private final ConcurrentHashMap<ModelId, Cached> cache = new ConcurrentHashMap<>();

    public ModelCache(ControlStore control, ApiConfig config) {
        this.control = control;
        this.ttlNanos = config.modelCacheTtl().toNanos();
    }

    /** The model's row, from the cache while it is fresh. */
    public Optional<ModelRow> get(ModelId model) {
        long now = System.nanoTime();
        Cached cached = cache.get(model);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return Optional.of(cached.row());
        }
        Optional<ModelRow> row = control.model(model);
        row.ifPresentOrElse(r -> cache.put(model, new Cached(r, now + ttlNanos)), () -> cache.remove(model));
        return row;
    }
}
