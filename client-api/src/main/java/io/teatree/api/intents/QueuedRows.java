package io.teatree.api.intents;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.ControlStoreUnavailableException;
import io.teatree.protocol.control.IntentRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit of the {@code queued} rows: requests hand their row over and wait; one writer thread takes
 * whatever has gathered (up to {@link #MAX_GROUP}) and writes it in one transaction, so many concurrent
 * submissions cost one commit instead of one each, and a lone one costs no more than before. A request is
 * answered only after its group committed, so {@code GET /v1/intents/{id}} right after the 202 finds the row
 * on any API instance. Thread-safe.
 */
@ApplicationScoped
public class QueuedRows {

    /** The most rows one transaction writes. */
    static final int MAX_GROUP = 512;

    private record Pending(IntentRow row, CompletableFuture<Void> done) {
    }

    private final ControlStore control;
    private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Thread writer;

    public QueuedRows(ControlStore control) {
        this.control = control;
        this.writer = Thread.ofPlatform().daemon().name("queued-rows").start(this::write);
    }

    /**
     * Records {@code row} with the next group and waits for its commit.
     *
     * @throws ControlStoreUnavailableException when the group could not be written
     */
    public void record(IntentRow row) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(new Pending(row, done));
        try {
            done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ControlStoreUnavailableException unavailable) {
                throw unavailable;
            }
            throw e;
        }
    }

    private void write() {
        List<Pending> group = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                group.add(pending.take());
            } catch (InterruptedException e) {
                return;
            }
            pending.drainTo(group, MAX_GROUP - 1);
            try {
                control.recordQueued(group.stream().map(Pending::row).toList());
                group.forEach(p -> p.done().complete(null));
            } catch (RuntimeException e) {
                group.forEach(p -> p.done().completeExceptionally(e));
            } catch (Error e) {
                group.forEach(p -> p.done().completeExceptionally(e));
                Log.errorf(e, "the queued-rows writer stopped");
                throw e;
            }
            group.clear();
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        writer.interrupt();
    }
}
