package io.teatree.api.intents;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.teatree.api.auth.Caller;
import io.teatree.api.auth.Role;
import io.teatree.api.config.ApiConfig;
import io.teatree.api.problem.ApiProblem;
import io.teatree.api.problem.Problems;
import io.teatree.protocol.control.IntentRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Intent status with an optional wait. Waiting holds no thread: it waits on {@link IntentOutcomes}, which
 * completes as soon as the intent's terminal event passes on NATS (the db-manager updates the row before it
 * publishes the event, so the row read afterwards is final). Because a core subscription misses events while
 * NATS is away, the row is also re-read every {@link #RECHECK}; that costs one indexed Postgres read per
 * waiter per second at most, instead of a tight polling loop.
 */
@ApplicationScoped
public class IntentStatusService {

    static final Duration RECHECK = Duration.ofSeconds(1);

    private final IntentQueue queue;
    private final IntentOutcomes outcomes;
    private final Duration maxWait;

    public IntentStatusService(IntentQueue queue, IntentOutcomes outcomes, ApiConfig config) {
        this.queue = queue;
        this.outcomes = outcomes;
        this.maxWait = config.limits().maxWait();
    }

    /** A client's {@code ?wait=} value as a wait, capped at {@code teatree.limits.max-wait}; 400 when malformed. */
    public Duration parseWait(String value) {
        return WaitDuration.parse(value, maxWait);
    }

    /**
     * The intent's row now; 404 when unknown and, alike, when its model is outside the caller's pattern (an id
     * of another tenant's intent is indistinguishable from a made-up one); 403 only for a role without read.
     * Blocking.
     */
    public IntentRow current(Caller caller, UUID id) {
        IntentRow row = queue.find(id).filter(r -> caller.mayRead(r.model())).orElseThrow(() -> unknownIntent(id));
        caller.require(Role.READER, row.model());
        return row;
    }

    private static ApiProblem unknownIntent(UUID id) {
        return Problems.notFound("intent " + id + " is unknown", "id");
    }

    /** The row once terminal or when {@code wait} has passed, whichever comes first. */
    public Uni<IntentRow> await(IntentRow row, Duration wait) {
        if (row.status().terminal() || wait.isZero()) {
            return Uni.createFrom().item(row);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        return awaitUntil(row.id(), deadline);
    }

    private Uni<IntentRow> awaitUntil(UUID id, long deadlineNanos) {
        CompletableFuture<Void> terminal = outcomes.whenTerminal(id);
        Duration left = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
        Duration step = left.compareTo(RECHECK) < 0 ? left : RECHECK;
        return Uni.createFrom().completionStage(terminal)
                .ifNoItem().after(step.isZero() ? Duration.ofMillis(1) : step).recoverWithItem((Void) null)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(ignored -> {
                    outcomes.forget(id, terminal);
                    return queue.find(id).orElseThrow(() -> unknownIntent(id));
                })
                .flatMap(row -> row.status().terminal() || System.nanoTime() - deadlineNanos >= 0
                        ? Uni.createFrom().item(row)
                        : awaitUntil(id, deadlineNanos));
    }
}
