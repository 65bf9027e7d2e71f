package io.teatree.api.rest;

import io.teatree.api.problem.Problems;
import io.teatree.functions.InvalidFieldException;
import io.teatree.protocol.ModelId;

/** Validation of path parameters, naming the parameter in the problem. */
final class PathParams {

    private PathParams() {
    }

    static ModelId model(String value) {
        try {
            return ModelId.of(value);
        } catch (InvalidFieldException e) {
            throw Problems.invalidField("model", e.getMessage());
        }
    }
}
