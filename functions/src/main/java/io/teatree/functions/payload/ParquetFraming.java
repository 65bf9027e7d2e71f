package io.teatree.functions.payload;

import io.teatree.functions.payload.MalformedPayloadException.Kind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Checks a Parquet file's frame as it streams past: {@code PAR1} first and last, and a footer length (the four
 * bytes before the trailing magic) that fits between them. The footer's contents are left to the reader, which
 * fails that intent alone; this refuses what is plainly not Parquet or cut short before it is queued.
 */
final class ParquetFraming implements PayloadCheck {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final int MINIMUM = 2 * MAGIC.length + 4;

    private final byte[] head = new byte[MAGIC.length];
    private final byte[] tail = new byte[8];
    private long offset;

    @Override
    public void accept(byte[] bytes, int from, int length) throws MalformedPayloadException {
        for (int i = 0; i < length && offset + i < MAGIC.length; i++) {
            head[(int) (offset + i)] = bytes[from + i];
            if (offset + i == MAGIC.length - 1 && !Arrays.equals(head, MAGIC)) {
                throw new MalformedPayloadException(Kind.MALFORMED, 0, "at byte offset 0 a Parquet file must start with PAR1");
            }
        }
        // keep the last eight bytes seen: the footer length and the trailing magic
        int keep = Math.min(length, tail.length);
        System.arraycopy(tail, keep, tail, 0, tail.length - keep);
        System.arraycopy(bytes, from + length - keep, tail, tail.length - keep, keep);
        offset += length;
    }

    @Override
    public void finish() throws MalformedPayloadException {
        if (offset < MINIMUM) {
            throw new MalformedPayloadException(Kind.MALFORMED, offset, "the Parquet file is truncated: " + offset
                    + " bytes, at least " + MINIMUM + " are needed");
        }
        if (!Arrays.equals(Arrays.copyOfRange(tail, 4, 8), MAGIC)) {
            throw new MalformedPayloadException(Kind.MALFORMED, offset - 4, "at byte offset " + (offset - 4)
                    + " a Parquet file must end with PAR1 (is it truncated?)");
        }
        long footer = Integer.toUnsignedLong(ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        if (footer == 0 || footer > offset - MINIMUM) {
            throw new MalformedPayloadException(Kind.MALFORMED, offset - 8, "at byte offset " + (offset - 8)
                    + " the Parquet footer declares " + footer + " bytes but the file holds " + (offset - MINIMUM) + " between its magics");
        }
    }
}
