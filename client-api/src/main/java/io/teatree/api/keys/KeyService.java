package io.teatree.api.keys;

import io.teatree.api.auth.ApiKey;
import io.teatree.api.auth.Authenticator;
import io.teatree.api.auth.Caller;
import io.teatree.api.auth.ModelPattern;
import io.teatree.api.auth.Role;
import io.teatree.api.auth.Secrets;
import io.teatree.api.problem.Problems;
import io.teatree.protocol.control.ApiKeyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * API key management, for admin keys whose pattern is {@code *} (so no key can grant more than it has).
 * Blocking.
 */
@ApplicationScoped
public class KeyService {

    /** A created key with its secret, which is shown once and never stored. */
    public record Created(ApiKey key, String secret) {
    }

    @Inject ApiKeyStore store;
    @Inject Authenticator authenticator;

    public Created create(Caller caller, String role, String modelPattern) {
        requireKeyAdmin(caller);
        Role r = Role.fromWire(io.teatree.functions.InvalidFieldException.require(role, "role"));
        ModelPattern pattern = new ModelPattern(modelPattern == null ? "*" : modelPattern);
        String secret = Secrets.newSecret();
        return new Created(ApiKey.of(store.create(Secrets.newKeyId(), Secrets.sha256(secret), r.wireName(), pattern.glob())), secret);
    }

    public List<ApiKey> list(Caller caller) {
        requireKeyAdmin(caller);
        return store.list().stream().map(ApiKey::of).toList();
    }

    public void revoke(Caller caller, String id) {
        requireKeyAdmin(caller);
        if (!store.revoke(id)) {
            throw Problems.notFound("no live key '" + id + "'", "id");
        }
        authenticator.invalidate();
    }

    private static void requireKeyAdmin(Caller caller) {
        caller.require(Role.ADMIN);
        if (!caller.pattern().all()) {
            throw Problems.forbidden("managing keys needs an admin key for all models (pattern *)");
        }
    }
}
