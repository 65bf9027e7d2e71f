package io.teatree.functions.payload;

/**
 * The caps a payload check enforces before anything trusts the payload's own lengths.
 *
 * @param maxBytes     the largest payload accepted; no declared length may exceed it
 * @param maxLineBytes the longest line of a CSV or NDJSON payload
 * @param maxDepth     the deepest nesting of arrays and objects in a JSON or NDJSON payload
 */
public record PayloadLimits(long maxBytes, int maxLineBytes, int maxDepth) {

    /** Arrow message metadata (a schema or batch header) larger than this is refused; real ones are a few KiB. */
    public static final int MAX_ARROW_METADATA = 16 << 20;

    public static final PayloadLimits DEFAULT = new PayloadLimits(1L << 30, 8 << 20, 64);

    public PayloadLimits {
        if (maxBytes <= 0 || maxLineBytes <= 0 || maxDepth <= 0) {
            throw new IllegalArgumentException("payload limits must be positive");
        }
    }
}
