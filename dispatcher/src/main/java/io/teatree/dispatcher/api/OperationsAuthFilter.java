package io.teatree.dispatcher.api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.teatree.dispatcher.DispatcherConfig;
import io.teatree.protocol.Json;
import io.teatree.protocol.Problem;
import io.teatree.protocol.ProblemType;
import io.teatree.protocol.control.ApiKeyRow;
import io.teatree.protocol.control.ApiKeyStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Guards what the dispatcher serves about every model, {@code /placements} and {@code /q/metrics}: only an admin
 * API key for all models ({@code *}) may read them, checked against the client API's key table (by the key's
 * SHA-256) or the configured bootstrap key. Health stays open for probes. The lookup runs on a worker thread;
 * refusals are problem+json 401 or 403. Thread-safe.
 */
@ApplicationScoped
public class OperationsAuthFilter {

    private final ApiKeyStore keys;
    private final boolean enabled;
    private final Optional<byte[]> bootstrapHash;

    public OperationsAuthFilter(AgroalDataSource dataSource, DispatcherConfig config) {
        this.keys = new ApiKeyStore(dataSource);
        this.enabled = config.auth().enabled();
        this.bootstrapHash = config.auth().bootstrapKey().filter(k -> !k.isBlank())
                .map(k -> sha256(k).getBytes(StandardCharsets.UTF_8));
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, 100);
    }

    static boolean guarded(String path) {
        return path.equals("/placements") || path.startsWith("/placements/")
                || path.equals("/q/metrics") || path.startsWith("/q/metrics/");
    }

    private void filter(RoutingContext rc) {
        if (!enabled || !guarded(rc.normalizedPath())) {
            rc.next();
            return;
        }
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        rc.vertx().<Optional<Problem>>executeBlocking(() -> refusal(authorization), false)
                .onSuccess(refusal -> {
                    if (refusal.isEmpty()) {
                        rc.next();
                    } else {
                        refuse(rc, refusal.get());
                    }
                })
                .onFailure(e -> refuse(rc, Problem.of(ProblemType.UNAVAILABLE, "the key store (Postgres) is unreachable; retry later", null)));
    }

    /** Why {@code authorization} may not read these endpoints, or empty when it may. Blocking. */
    Optional<Problem> refusal(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
            return Optional.of(Problem.of(ProblemType.UNAUTHORIZED, "send an admin API key as 'Authorization: Bearer <key>'", "Authorization"));
        }
        String hash = sha256(authorization.substring(7).trim());
        if (bootstrapHash.isPresent() && MessageDigest.isEqual(bootstrapHash.get(), hash.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        Optional<ApiKeyRow> key = keys.findLive(hash);
        if (key.isEmpty()) {
            return Optional.of(Problem.of(ProblemType.UNAUTHORIZED, "unknown or revoked API key", "Authorization"));
        }
        if (!"admin".equals(key.get().role()) || !"*".equals(key.get().modelPattern())) {
            return Optional.of(Problem.of(ProblemType.FORBIDDEN, "placements and metrics name every model: they need an admin key with pattern *", null));
        }
        return Optional.empty();
    }

    private static void refuse(RoutingContext rc, Problem problem) {
        var response = rc.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json");
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"teatree\"");
        }
        response.end(Buffer.buffer(Json.write(problem)));
    }

    /** The hex SHA-256 under which the key table stores a key. */
    public static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
