package io.teatree.api.auth;

import io.teatree.api.problem.Problems;
import io.teatree.protocol.ModelId;

/**
 * Who makes the current request: the API key's id, role and model pattern.
 *
 * @param keyId   the key id; it becomes an intent's {@code requester}
 * @param role    what the key may do
 * @param pattern which models it may touch
 */
public record Caller(String keyId, Role role, ModelPattern pattern) {

    /** The caller when authentication is switched off. */
    public static final Caller ANONYMOUS_ADMIN = new Caller("anonymous", Role.ADMIN, ModelPattern.ALL);

    /** Throws 403 unless this caller has {@code required}. */
    public void require(Role required) {
        if (!role.includes(required)) {
            throw Problems.forbidden("key '" + keyId + "' has role " + role.wireName() + "; this needs " + required.wireName());
        }
    }

    /** Throws 403 unless this caller has {@code required} on {@code model}. */
    public void require(Role required, ModelId model) {
        require(required);
        if (!pattern.matches(model)) {
            throw Problems.forbidden("key '" + keyId + "' may not touch model '" + model + "' (pattern " + pattern.glob() + ")");
        }
    }

    public boolean mayRead(ModelId model) {
        return pattern.matches(model);
    }
}
