package io.teatree.protocol;

/**
 * The db-manager's exit codes, one meaning each (docs/db-manager.md, exit codes). The dispatcher puts the reason
 * into the {@code crashloop} event and its log. Code 3 is fixed by the JVM: {@code -XX:+ExitOnOutOfMemoryError}
 * exits 3, so no Teatree condition uses it. Codes above 128 are 128 + the signal that ended the process.
 */
public enum ManagerExit {
    STOPPED(0, "stopped", "stopped on request or idle"),
    CRASHED(1, "crashed", "an unexpected error (see the manager's log)"),
    LEASE_LOST(2, "lease-lost", "another manager took the model's lease over"),
    OUT_OF_MEMORY(3, "out-of-memory", "the Java heap ran out (-XX:+ExitOnOutOfMemoryError)"),
    INTEGRITY(4, "integrity", "user code ended a batch's transaction; nothing more was written"),
    FENCED(5, "fenced", "the model file carries a newer writer's epoch"),
    ABORTED(134, "aborted", "SIGABRT: a native abort, e.g. inside DuckDB"),
    KILLED(137, "killed", "SIGKILL: kill -9, or the kernel's OOM killer (container memory limit)"),
    SEGFAULT(139, "segfault", "SIGSEGV: a native crash, e.g. inside DuckDB"),
    TERMINATED(143, "terminated", "SIGTERM before the manager could finish stopping");

    private final int code;
    private final String reason;
    private final String description;

    ManagerExit(int code, String reason, String description) {
        this.code = code;
        this.reason = reason;
        this.description = description;
    }

    public int code() {
        return code;
    }

    /** A short slug, e.g. {@code out-of-memory}. */
    public String reason() {
        return reason;
    }

    public String description() {
        return description;
    }

    /** The reason slug of {@code code}, {@code signal-<n>} for other signals, {@code exit-<n>} otherwise. */
    public static String reasonOf(int code) {
        for (ManagerExit exit : values()) {
            if (exit.code == code) {
                return exit.reason;
            }
        }
        return code > 128 && code < 160 ? "signal-" + (code - 128) : "exit-" + code;
    }
}
