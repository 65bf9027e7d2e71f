package io.teatree.api.auth;

import io.teatree.api.problem.ApiProblem;
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

    /**
     * Throws unless this caller has {@code required} on {@code model}: a model outside the key's pattern answers
     * 404 exactly like an unregistered one (the key learns nothing about models it may not see); inside the
     * pattern a role that is too weak is 403.
     */
    public void require(Role required, ModelId model) {
        if (!pattern.matches(model)) {
            throw unknownModel(model);
        }
        require(required);
    }

    /** Throws 403 unless this caller has {@code required} and may create {@code model} (inside its pattern). */
    public void requireToCreate(Role required, ModelId model) {
        require(required);
        if (!pattern.matches(model)) {
            throw Problems.forbidden("key '" + keyId + "' may only register models matching its pattern " + pattern.glob());
        }
    }

    /** The problem for a model that is not registered, or that this caller may not see: the same answer for both. */
    public static ApiProblem unknownModel(ModelId model) {
        return Problems.notFound("model '" + model + "' is not registered", "model");
    }

    public boolean mayRead(ModelId model) {
        return pattern.matches(model);
    }
}
