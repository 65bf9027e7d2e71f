package io.teatree.dispatcher.placement.local;

import io.teatree.dispatcher.placement.ManagerSpec;
import java.time.Instant;

/** One running manager process and whether it was asked to stop. */
final class LocalManager {

    private final ManagerSpec spec;
    private final Process process;
    private final Instant startedAt;
    private volatile Instant stopRequestedAt;

    LocalManager(ManagerSpec spec, Process process, Instant startedAt) {
        this.spec = spec;
        this.process = process;
        this.startedAt = startedAt;
    }

    ManagerSpec spec() {
        return spec;
    }

    Process process() {
        return process;
    }

    Instant startedAt() {
        return startedAt;
    }

    boolean stopRequested() {
        return stopRequestedAt != null;
    }

    Instant stopRequestedAt() {
        return stopRequestedAt;
    }

    /** Sends SIGTERM once; the manager finishes its batch and exits. */
    void requestStop() {
        if (stopRequestedAt == null) {
            stopRequestedAt = Instant.now();
            process.destroy();
        }
    }
}
