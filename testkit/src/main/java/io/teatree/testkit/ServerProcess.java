package io.teatree.testkit;

import java.nio.file.Path;

/**
 * A server the testkit runs as a child process on a free loopback port, with its state in its own directory.
 * Stopping keeps port and state, so a test can take the server away and bring it back. Thread-safe.
 */
abstract class ServerProcess implements AutoCloseable {

    protected final Path dir;
    protected final int port;
    private Process process;

    ServerProcess(Path dir) {
        this.dir = dir;
        this.port = Ports.free();
    }

    /** Whether the process runs now. */
    protected final synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** Records the process just started. */
    protected final synchronized void started(Process started) {
        this.process = started;
    }

    /** Stops the process (SIGTERM and its children, then SIGKILL after {@code graceMillis}); state stays. */
    protected final synchronized void stopProcess(long graceMillis) {
        if (process != null) {
            ProcessHandle.of(process.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroy));
        }
        ChildProcesses.stop(process, graceMillis);
        process = null;
    }

    public int port() {
        return port;
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Stops the server; a later start brings it back with the same port and state. */
    public abstract void stop();

    @Override
    public void close() {
        stop();
    }
}
