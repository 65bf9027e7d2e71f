package io.teatree.api.http;

import io.teatree.api.problem.Problems;
import io.teatree.functions.InvalidFieldException;
import io.teatree.protocol.ModelId;

/** Validation of path parameters, naming the parameter in the problem. */
public final class PathParams {

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
}
