package io.teatree.api.intents;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.teatree.protocol.EventEnvelope;
import io.teatree.protocol.EventType;
import io.teatree.protocol.Json;
import io.teatree.protocol.Subjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells status waiters the moment an intent ends: one core NATS subscription on {@code teatree.event.*}
 * (a single dispatcher thread for the whole API) completes the futures registered for an intent id when its
 * {@code intent.succeeded} or {@code intent.failed} event passes. Core subscriptions miss events while NATS is
 * away, so waiters also re-read Postgres now and then (see {@link IntentStatusService}).
 */
@ApplicationScoped
public class IntentOutcomes {

    private static final Set<EventType> TERMINAL = Set.of(EventType.INTENT_SUCCEEDED, EventType.INTENT_FAILED);

    private final Connection connection;
    private final Map<UUID, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();

    public IntentOutcomes(Connection connection) {
        this.connection = connection;
    }

    void start(@Observes StartupEvent startup) {
        Dispatcher dispatcher = connection.createDispatcher(message -> {
            try {
                EventEnvelope event = Json.read(message.getData(), EventEnvelope.class);
                if (event.intentId() != null && TERMINAL.contains(event.type())) {
                    Set<CompletableFuture<Void>> waiting = waiters.remove(event.intentId());
                    if (waiting != null) {
                        waiting.forEach(w -> w.complete(null));
                    }
                }
            } catch (IllegalArgumentException e) {
                Log.debugf("ignoring malformed event on %s: %s", message.getSubject(), e.getMessage());
            }
        });
        dispatcher.subscribe(Subjects.ALL_EVENTS);
    }

    /** A new future completed when the intent's terminal event is seen; {@link #forget} it when done waiting. */
    public CompletableFuture<Void> whenTerminal(UUID intentId) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        waiters.computeIfAbsent(intentId, id -> ConcurrentHashMap.newKeySet()).add(future);
        return future;
    }

    /** Drops a waiter that stopped waiting. */
    public void forget(UUID intentId, CompletableFuture<Void> future) {
        waiters.computeIfPresent(intentId, (id, waiting) -> {
            waiting.remove(future);
            return waiting.isEmpty() ? null : waiting;
        });
    }
}
