package io.teatree.api;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A CSV body of exactly {@code size} bytes, generated while it is read, so the test holds none of it. */
final class CsvBody extends InputStream {

    private static final byte[] HEADER = "id,name,amount\n".getBytes(StandardCharsets.UTF_8);

    private final long size;
    private final Runnable atHalf;
    private long position;
    private long row;
    private byte[] line = HEADER;
    private int linePos;

    CsvBody(long size) {
        this(size, () -> { });
    }

    /** A body that runs {@code atHalf} once, when half of it has been read. */
    CsvBody(long size, Runnable atHalf) {
        this.size = size;
        this.atHalf = atHalf;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) {
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - position);
        for (int i = 0; i < n; i++) {
            if (linePos == line.length) {
                row++;
                line = (row + ",name-" + row + "," + (row % 1000) + ".25\n").getBytes(StandardCharsets.US_ASCII);
                linePos = 0;
            }
            buffer[off + i] = line[linePos++];
        }
        if (position < size / 2 && position + n >= size / 2) {
            atHalf.run();
        }
        position += n;
        return n;
    }
}
