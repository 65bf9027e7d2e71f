package io.teatree.api.problem;

import java.io.IOException;

/**
 * A query answer stopped after its status line was sent (time limit, a cell over the limit, the client gone):
 * the connection is cut where it is. Expected, so logged once without a stack trace.
 */
public final class AnswerAbortedException extends IOException {

    public AnswerAbortedException(String why, Throwable cause) {
        super(why, cause);
    }
}
