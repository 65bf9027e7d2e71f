package io.teatree.functions.payload.fuzz;

import io.teatree.functions.PayloadFormat;
import io.teatree.functions.payload.MalformedPayloadException;
import io.teatree.functions.payload.PayloadCheck;
import io.teatree.functions.payload.PayloadChecks;
import io.teatree.functions.payload.PayloadLimits;
import java.util.Arrays;
import java.util.Random;

/**
 * What the API's streaming check must do with any bytes: pass, or refuse with a {@link MalformedPayloadException}
 * that has a message and an offset inside the payload, and give the same verdict whatever the chunking and
 * whether the size is known. Anything else it throws (a RuntimeException, an Error) reaches the caller, which is
 * a finding. The chunking is drawn from the bytes themselves, so an input always replays the same way.
 */
final class CheckOracle {

    static final PayloadLimits LIMITS = PayloadLimits.DEFAULT;
    /** Tight caps, so long lines, deep nesting and lengths over the cap are reached with small inputs. */
    static final PayloadLimits SMALL = new PayloadLimits(4096, 64, 8);

    private CheckOracle() {
    }

    /** True when the check passed {@code bytes} as a {@code format} payload; throws AssertionError on a finding. */
    static boolean verdict(PayloadFormat format, byte[] bytes) {
        Random random = new Random(Arrays.hashCode(bytes));
        boolean whole = passes(format, LIMITS, bytes, bytes.length, true, random);
        boolean chunked = passes(format, LIMITS, bytes, 1 + random.nextInt(Math.max(1, bytes.length)), random.nextBoolean(), random);
        if (whole != chunked) {
            throw new AssertionError("the " + format + " check " + (whole ? "passes" : "refuses") + " these bytes whole but "
                    + (chunked ? "passes" : "refuses") + " them in chunks");
        }
        if (bytes.length <= 4096) {
            boolean single = passes(format, LIMITS, bytes, 1, random.nextBoolean(), random);
            if (single != whole) {
                throw new AssertionError("the " + format + " check gives another verdict when fed one byte at a time");
            }
        }
        passes(format, SMALL, bytes, 1 + random.nextInt(64), random.nextBoolean(), random);
        return whole;
    }

    /**
     * Feeds {@code bytes} in chunks of at most {@code chunk} (sizes varying), each copied to a random place of a
     * scratch buffer that is scribbled over after the call, as a stream reader's buffer would be.
     */
    private static boolean passes(PayloadFormat format, PayloadLimits limits, byte[] bytes, int chunk, boolean sizeKnown,
            Random random) {
        PayloadCheck check = PayloadChecks.forFormat(format, limits, sizeKnown ? bytes.length : -1);
        byte[] scratch = new byte[chunk + 16];
        try {
            for (int i = 0; i < bytes.length; ) {
                int n = Math.min(bytes.length - i, 1 + random.nextInt(chunk));
                int at = random.nextInt(16);
                System.arraycopy(bytes, i, scratch, at, n);
                check.accept(scratch, at, n);
                Arrays.fill(scratch, (byte) 0xA5);
                i += n;
            }
            check.finish();
            return true;
        } catch (MalformedPayloadException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("a " + format + " refusal without a message", e);
            }
            if (e.kind() == null || e.offset() < 0 || e.offset() > bytes.length) {
                throw new AssertionError("a " + format + " refusal of " + bytes.length + " bytes at offset " + e.offset() + ": "
                        + e.getMessage(), e);
            }
            return false;
        }
    }
}
