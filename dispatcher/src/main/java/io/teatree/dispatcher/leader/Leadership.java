package io.teatree.dispatcher.leader;

/**
 * Whether this dispatcher may place managers. Two dispatcher replicas on Kubernetes elect one leader with a
 * Lease; a local dispatcher always leads. Thread-safe.
 */
public interface Leadership extends AutoCloseable {

    /** True while this replica leads. */
    boolean isLeader();

    /** Gives leadership up (if held) and stops taking part. */
    @Override
    void close();

    /** A dispatcher that is alone and so always leads. */
    static Leadership always() {
        return new Leadership() {
            @Override
            public boolean isLeader() {
                return true;
            }

            @Override
            public void close() {
                // nothing to give up
            }
        };
    }
}
