package io.teatree.functions.payload;

/**
 * Validates a payload incrementally as its bytes stream past, keeping at most one bounded unit (a message
 * header, a line) in memory. Not thread-safe; one per payload.
 */
public interface PayloadCheck {

    /** Checks the next {@code length} bytes of the payload; the array may be reused after the call. */
    void accept(byte[] bytes, int offset, int length) throws MalformedPayloadException;

    /** Called once after the last byte: fails when the payload ends where it may not (truncated). */
    void finish() throws MalformedPayloadException;
}
