package io.teatree.protocol.control;

/**
 * The control database (Postgres) could not answer: unreachable, timed out or refusing. Unchecked: every
 * repository of the control tables throws it, and each service maps it in one place (the client API answers
 * 503 {@code unavailable} with {@code Retry-After}; the db-manager keeps writing and reports later).
 */
public class ControlStoreUnavailableException extends RuntimeException {

    public ControlStoreUnavailableException(String what, Throwable cause) {
        super("the control database is unreachable: cannot " + what + " (" + cause.getMessage() + ")", cause);
    }
}
