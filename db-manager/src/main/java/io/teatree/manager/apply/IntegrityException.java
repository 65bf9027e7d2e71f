package io.teatree.manager.apply;

/**
 * User code changed Teatree's bookkeeping in a way the batch cannot roll back or attribute (it ended the batch's
 * transaction). The writer stops (exit 4) rather than commit or apply anything more; see docs/db-manager.md.
 */
public final class IntegrityException extends RuntimeException {
    public IntegrityException(String message) {
        super(message);
    }
}
