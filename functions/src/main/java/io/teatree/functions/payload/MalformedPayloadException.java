package io.teatree.functions.payload;

import java.io.IOException;

/**
 * A payload whose bytes show it cannot be read as its format: thrown while the bytes stream past a
 * {@link PayloadCheck}, so nothing downstream ever allocates on their say-so.
 */
public final class MalformedPayloadException extends IOException {

    /** Why the payload is refused, which decides the HTTP status the API answers with. */
    public enum Kind {
        /** The bytes are not a valid payload of the format (400). */
        MALFORMED,
        /** A declared length or a line is over a configured cap (413). */
        TOO_LARGE,
        /** The bytes are another format than the one named (415), e.g. an Arrow IPC file sent as a stream. */
        UNSUPPORTED
    }

    private final Kind kind;
    private final long offset;

    MalformedPayloadException(Kind kind, long offset, String detail) {
        super(detail, null);
        this.kind = kind;
        this.offset = offset;
    }

    public Kind kind() {
        return kind;
    }

    /** The byte offset in the payload where the problem was seen. */
    public long offset() {
        return offset;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // an expected refusal of client bytes; the message says all there is
    }
}
