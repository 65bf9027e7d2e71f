package io.teatree.functions.payload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a payload through while a {@link PayloadCheck} sees every byte; a read fails with
 * {@link MalformedPayloadException} as soon as the check does, and at the end of the stream when the payload
 * stops where it may not. Whoever copies the stream (to S3, to a file) therefore never completes a bad payload.
 */
public final class CheckingInputStream extends FilterInputStream {

    private final PayloadCheck check;
    private boolean finished;

    public CheckingInputStream(InputStream in, PayloadCheck check) {
        super(in);
        this.check = check;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            check.accept(b, off, n);
        } else if (n < 0 && !finished) {
            finished = true;
            check.finish();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        int chunk = (int) Math.min(Math.max(n, 0), 8192);
        return Math.max(0, read(new byte[chunk], 0, chunk)); // every skipped byte passes the check too
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
