package io.teatree.dispatcher.demand;

/** What {@link Supervisor#ensure} did. */
public enum EnsureResult {
    /** A manager was asked to start. */
    STARTED,
    /** A manager already runs or is starting. */
    ALREADY_RUNNING,
    /** The manager crashed recently; a restart is scheduled after its backoff. */
    BACKING_OFF,
    /** The model is not registered in {@code goal_model}; nothing is started. */
    UNKNOWN_MODEL,
    /** Another dispatcher replica leads; this one does nothing. */
    NOT_LEADER
}
