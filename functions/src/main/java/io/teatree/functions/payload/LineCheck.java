package io.teatree.functions.payload;

import io.teatree.functions.payload.MalformedPayloadException.Kind;
import java.util.Arrays;

/**
 * Splits a text payload into lines as it streams past, refusing a line longer than the cap before holding it,
 * and hands each whole line (without its {@code \n} or {@code \r\n}) to {@link #line}.
 */
abstract class LineCheck implements PayloadCheck {

    private final int maxLineBytes;
    private byte[] line = new byte[256];
    private int fill;
    private long lineNumber = 1;
    private long lineStart;
    private long offset;

    LineCheck(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** Checks one line; {@code number} counts from 1, {@code start} is its first byte's offset in the payload. */
    abstract void line(byte[] bytes, int length, long number, long start) throws MalformedPayloadException;

    /** Called after the last line; {@code lines} is how many there were. */
    void end(long lines, long size) throws MalformedPayloadException {
    }

    @Override
    public final void accept(byte[] bytes, int from, int length) throws MalformedPayloadException {
        int end = from + length;
        int i = from;
        while (i < end) {
            int newline = i;
            while (newline < end && bytes[newline] != '\n') {
                newline++;
            }
            append(bytes, i, newline - i);
            offset += newline - i;
            if (newline < end) {
                offset++;
                complete();
                lineStart = offset;
            }
            i = newline + 1;
        }
    }

    @Override
    public final void finish() throws MalformedPayloadException {
        if (fill > 0) {
            complete();
        }
        end(lineNumber - 1, offset);
    }

    private void append(byte[] bytes, int from, int length) throws MalformedPayloadException {
        if ((long) fill + length > maxLineBytes) {
            throw new MalformedPayloadException(Kind.TOO_LARGE, lineStart, "line " + lineNumber + " (at byte offset " + lineStart
                    + ") is longer than " + maxLineBytes + " bytes, the most accepted (teatree.limits.payload-line)");
        }
        if (fill + length > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(fill + length, 2 * line.length)));
        }
        System.arraycopy(bytes, from, line, fill, length);
        fill += length;
    }

    private void complete() throws MalformedPayloadException {
        int length = fill > 0 && line[fill - 1] == '\r' ? fill - 1 : fill;
        line(line, length, lineNumber, lineStart);
        lineNumber++;
        fill = 0;
        if (line.length > 1 << 16) {
            line = new byte[256]; // return a long line's buffer
        }
    }

    static MalformedPayloadException bad(long number, long start, String detail) {
        return new MalformedPayloadException(Kind.MALFORMED, start, "line " + number + " (at byte offset " + start + ") " + detail);
    }
}
