package io.teatree.protocol.telemetry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a metric label's cardinality bounded: the first {@code cap} distinct values are kept as they are,
 * every later value is reported as {@link #OTHER}. A thousand models therefore cost at most {@code cap + 1}
 * series per metric. Thread-safe; admitted values stay admitted for the life of the process.
 */
public final class LabelCap {

    /** The label value that aggregates everything over the cap. */
    public static final String OTHER = "_other";

    private final int cap;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    /** @param cap how many distinct values keep their own label; 0 aggregates everything */
    public LabelCap(int cap) {
        if (cap < 0) {
            throw new IllegalArgumentException("label cap must be >= 0, was " + cap);
        }
        this.cap = cap;
    }

    /** {@code value} when it has (or now gets) its own label, otherwise {@link #OTHER}. */
    public String of(String value) {
        if (admitted.contains(value)) {
            return value;
        }
        synchronized (admitted) {
            if (admitted.size() < cap) {
                admitted.add(value);
                return value;
            }
        }
        return admitted.contains(value) ? value : OTHER;
    }

    public int cap() {
        return cap;
    }
}
