package io.teatree.api.http;

import io.teatree.api.problem.Problems;
import io.teatree.functions.InvalidFieldException;
import io.teatree.protocol.ModelId;

/** Validation of path parameters, naming the parameter in the problem. */
public final class PathParams {

    /** What key ids look like: {@code key-} and hex, or {@code bootstrap}; nothing else reaches the key store. */
    private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("[a-z0-9-]{1,64}");

    private PathParams() {
    }

    /** The model id in path parameter {@code m}; a 400 naming {@code model} when it is not a valid id. */
    public static ModelId model(String value) {
        try {
            return ModelId.of(value);
        } catch (InvalidFieldException e) {
            throw Problems.invalidField("model", e.getMessage());
        }
    }

    /** The key id in path parameter {@code id}; a 400 naming {@code id} when it cannot be one (e.g. holds NUL). */
    public static String keyId(String value) {
        if (value == null || !KEY_ID.matcher(value).matches()) {
            throw Problems.invalidField("id", "id must be a key id such as key-0123456789ab");
        }
        return value;
    }
}
