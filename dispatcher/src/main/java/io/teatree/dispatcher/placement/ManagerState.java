package io.teatree.dispatcher.placement;

/** What a placement knows of one model's manager. */
public enum ManagerState {
    /** Asked to run, not ready yet. */
    STARTING,
    /** Running (a live process; a ready pod). */
    RUNNING,
    /** Asked to stop, still finishing its batch. */
    STOPPING,
    /** Not running: never started, exited when idle, or scaled to zero. */
    STOPPED,
    /** Its last run ended with a failure (non-zero exit, crash-looping container). */
    CRASHED;

    /** True while a manager runs or is about to. */
    public boolean active() {
        return this == STARTING || this == RUNNING;
    }
}
