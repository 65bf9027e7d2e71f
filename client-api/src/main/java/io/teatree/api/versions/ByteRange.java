package io.teatree.api.versions;

import io.teatree.api.problem.Problems;
import java.util.Optional;

/**
 * One byte range of a file, both ends inclusive, parsed from a {@code Range: bytes=...} header: {@code a-b},
 * {@code a-} or the suffix {@code -n}. Anything else (another unit, several ranges, a range past the end) is a 416
 * problem.
 */
record ByteRange(long start, long end) {

    long length() {
        return end - start + 1;
    }

    /** {@code Content-Range} of this range in a file of {@code size} bytes. */
    String contentRange(long size) {
        return "bytes " + start + "-" + end + "/" + size;
    }

    /** The range {@code header} asks for in a file of {@code size} bytes; empty when there is no header. */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (!value.startsWith("bytes=") || value.indexOf(',') >= 0) {
            throw unsatisfiable(header, size);
        }
        String spec = value.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw unsatisfiable(header, size);
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (start < 0 || start >= size || end < start) {
                throw unsatisfiable(header, size);
            }
            return Optional.of(new ByteRange(start, end));
        } catch (NumberFormatException e) {
            throw unsatisfiable(header, size);
        }
    }

    private static RuntimeException unsatisfiable(String header, long size) {
        return Problems.rangeNotSatisfiable("Range '" + header + "' is not one byte range within the file's "
                + size + " bytes (bytes=a-b, bytes=a- or bytes=-n)", size);
    }
}
