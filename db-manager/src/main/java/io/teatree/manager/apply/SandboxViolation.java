package io.teatree.manager.apply;

import io.teatree.functions.FunctionException;
import io.teatree.protocol.ProblemType;

/** An intent changed what user code must not: it fails with {@code sandbox-violation} and its changes are rolled back. */
final class SandboxViolation extends FunctionException {
    SandboxViolation(String detail) {
        super(ProblemType.SANDBOX_VIOLATION, detail, null);
    }
}
