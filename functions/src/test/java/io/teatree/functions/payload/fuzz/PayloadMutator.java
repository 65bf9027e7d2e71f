package io.teatree.functions.payload.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

/**
 * A seeded, structure-aware mutator for the normal test run (Jazzer's coverage-guided mutation runs in the
 * {@code fuzz} profile): one to four of bit flips, interesting bytes, 32- and 64-bit little-endian overwrites
 * (where Arrow and Parquet keep their lengths), truncations, splices with another sample, insertions, repeats and
 * deletions, applied to a valid payload. The same seed gives the same inputs.
 */
final class PayloadMutator {

    private static final byte[] BYTES = {0, 1, (byte) 0xFF, 0x7F, (byte) 0x80, '\n', '\r', '"', ',', '{', '}', '[', ']', ':', '\\'};
    private static final int MAX = 1 << 16;

    private final Random random;
    private final byte[][] donors;

    /** @param donors payloads whose pieces are spliced in (valid samples of every format) */
    PayloadMutator(long seed, byte[]... donors) {
        this.random = new Random(seed);
        this.donors = donors;
    }

    byte[] mutate(byte[] sample) {
        byte[] bytes = sample.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            bytes = once(bytes);
        }
        return bytes;
    }

    private byte[] once(byte[] b) {
        if (b.length == 0) {
            return insert(b);
        }
        int at = random.nextInt(b.length);
        return switch (random.nextInt(9)) {
            case 0 -> {
                b[at] ^= (byte) (1 << random.nextInt(8));
                yield b;
            }
            case 1 -> {
                b[at] = BYTES[random.nextInt(BYTES.length)];
                yield b;
            }
            case 2, 3 -> overwrite(b, 4, random.nextBoolean() ? at & ~3 : at);
            case 4 -> overwrite(b, 8, random.nextBoolean() ? at & ~7 : at);
            case 5 -> Arrays.copyOf(b, at);
            case 6 -> splice(b, at);
            case 7 -> insert(b);
            default -> delete(b, at);
        };
    }

    private byte[] overwrite(byte[] b, int width, int at) {
        if (at + width > b.length) {
            return b;
        }
        ByteBuffer buffer = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long old = width == 4 ? buffer.getInt(at) : buffer.getLong(at);
        long value = switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> width == 4 ? Integer.MAX_VALUE : Long.MAX_VALUE;
            case 3 -> width == 4 ? Integer.MIN_VALUE : Long.MIN_VALUE;
            case 4 -> b.length - at + random.nextInt(-8, 9);
            case 5 -> old + random.nextInt(-16, 17);
            case 6 -> 1L << random.nextInt(width * 8);
            default -> random.nextInt(1 << 12);
        };
        if (width == 4) {
            buffer.putInt(at, (int) value);
        } else {
            buffer.putLong(at, value);
        }
        return b;
    }

    private byte[] splice(byte[] b, int at) {
        byte[] donor = donors[random.nextInt(donors.length)];
        int from = random.nextInt(donor.length + 1);
        byte[] out = Arrays.copyOf(b, Math.min(MAX, at + donor.length - from));
        System.arraycopy(donor, from, out, at, out.length - at);
        return out;
    }

    private byte[] insert(byte[] b) {
        int at = random.nextInt(b.length + 1);
        byte[] piece;
        if (b.length > 0 && random.nextBoolean()) {
            int from = random.nextInt(b.length);
            byte[] region = Arrays.copyOfRange(b, from, Math.min(b.length, from + 1 + random.nextInt(64)));
            int times = 1 + random.nextInt(random.nextInt(8) == 0 ? 512 : 4); // sometimes a long run (deep nesting, long lines)
            piece = new byte[Math.min(MAX, region.length * times)];
            for (int i = 0; i < piece.length; i++) {
                piece[i] = region[i % region.length];
            }
        } else {
            piece = new byte[1 + random.nextInt(16)];
            random.nextBytes(piece);
        }
        if (b.length + piece.length > MAX) {
            return b;
        }
        byte[] out = new byte[b.length + piece.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(b, at, out, at + piece.length, b.length - at);
        return out;
    }

    private byte[] delete(byte[] b, int at) {
        int length = Math.min(b.length - at, 1 + random.nextInt(16));
        byte[] out = new byte[b.length - length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + length, out, at, b.length - at - length);
        return out;
    }
}
