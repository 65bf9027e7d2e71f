package io.teatree.dispatcher.placement.local;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts child processes that die with the dispatcher, even when it is killed with SIGKILL.
 *
 * <p>Each child runs under {@code setpriv --pdeathsig KILL}. The kernel sends that signal when the
 * <em>thread</em> that forked the child ends, so every fork happens on one thread that lives as long as this
 * spawner (and so the JVM). Without {@code setpriv} children are started plainly and a warning says that
 * they could outlive a killed dispatcher. Thread-safe.
 */
public final class ProcessSpawner implements AutoCloseable {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private final ExecutorService forker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "teatree-manager-spawner");
        t.setDaemon(true);
        return t;
    });
    private final boolean pdeathsig;

    public ProcessSpawner() {
        this.pdeathsig = Files.isExecutable(SETPRIV);
        if (!pdeathsig) {
            Log.warnf("%s not found (apt-get install -y util-linux): managers could outlive a killed dispatcher", SETPRIV);
        }
    }

    /** Starts {@code builder}'s command, wrapped so it gets SIGKILL when this JVM dies. */
    public Process start(ProcessBuilder builder) throws IOException {
        if (pdeathsig) {
            List<String> wrapped = new ArrayList<>(List.of(SETPRIV.toString(), "--pdeathsig", "KILL"));
            wrapped.addAll(builder.command());
            builder.command(wrapped);
        }
        try {
            return forker.submit(builder::start).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + builder.command(), e);
        } catch (ExecutionException e) {
            throw new IOException("cannot start " + builder.command() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        forker.shutdown();
    }
}
