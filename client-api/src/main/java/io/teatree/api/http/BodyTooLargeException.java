package io.teatree.api.http;

import java.io.IOException;

/** A request body went over its limit while being read. */
public final class BodyTooLargeException extends IOException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("the body exceeds the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
