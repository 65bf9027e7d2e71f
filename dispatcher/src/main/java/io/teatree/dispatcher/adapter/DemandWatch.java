package io.teatree.dispatcher.adapter;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.quarkus.logging.Log;
import io.teatree.dispatcher.demand.Supervisor;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A core NATS subscription on {@code teatree.intent.>}: every intent published tells the supervisor its model
 * has work. Bursts for one model coalesce into one {@link Supervisor#demand} call at a time, run off the
 * NATS thread. The subscription survives reconnects.
 */
public final class DemandWatch implements AutoCloseable {

    private final Connection connection;
    private final Supervisor supervisor;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<ModelId> queued = ConcurrentHashMap.newKeySet();
    private Dispatcher dispatcher;

    public DemandWatch(Connection connection, Supervisor supervisor) {
        this.connection = connection;
        this.supervisor = supervisor;
    }

    /** Subscribes. */
    public synchronized DemandWatch start() {
        dispatcher = connection.createDispatcher(this::onIntent);
        dispatcher.subscribe(Subjects.INTENT_PREFIX + ">");
        return this;
    }

    private void onIntent(Message message) {
        String token = message.getSubject().substring(Subjects.INTENT_PREFIX.length());
        if (!ModelId.isValid(token)) {
            return;
        }
        ModelId model = ModelId.of(token);
        if (queued.add(model)) {
            workers.execute(() -> {
                queued.remove(model);
                try {
                    supervisor.demand(model);
                } catch (RuntimeException e) {
                    Log.warnf("cannot ensure a manager for %s now (the reconcile loop retries): %s", model, e.getMessage());
                }
            });
        }
    }

    @Override
    public synchronized void close() {
        if (dispatcher != null) {
            connection.closeDispatcher(dispatcher);
            dispatcher = null;
        }
        workers.shutdownNow();
    }
}
