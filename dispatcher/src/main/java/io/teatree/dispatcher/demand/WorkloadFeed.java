package io.teatree.dispatcher.demand;

import io.quarkus.logging.Log;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The last {@link Workload} a reconcile pass saw, and the listeners told of every new one. Thread-safe;
 * listeners are called on the publishing thread and a failing one does not stop the others.
 */
final class WorkloadFeed {

    private volatile Workload last = Workload.NONE;
    private final List<Consumer<Workload>> listeners = new CopyOnWriteArrayList<>();

    /** Remembers {@code seen} and tells every listener. */
    void publish(Workload seen) {
        last = seen;
        for (Consumer<Workload> listener : listeners) {
            try {
                listener.accept(seen);
            } catch (RuntimeException e) {
                Log.errorf(e, "a workload listener failed");
            }
        }
    }

    /** Tells {@code listener} every later workload. */
    void subscribe(Consumer<Workload> listener) {
        listeners.add(listener);
    }

    /** The last workload published; {@link Workload#NONE} before the first. */
    Workload last() {
        return last;
    }
}
