package io.teatree.manager;

import io.nats.client.Message;
import io.teatree.functions.Payload;
import io.teatree.manager.apply.BatchExecutor;
import io.teatree.manager.apply.BatchOutcome;
import io.teatree.manager.apply.FencedException;
import io.teatree.manager.apply.PendingIntent;
import io.teatree.manager.consume.Decoder;
import io.teatree.manager.consume.IntentSource;
import io.teatree.manager.lease.LeaseKeeper;
import io.teatree.manager.payload.PayloadFetcher;
import io.teatree.manager.quarantine.AttemptJournal;
import io.teatree.manager.report.ControlReporter;
import io.teatree.manager.report.EventPublisher;
import io.teatree.manager.snapshot.Snapshots;
import io.teatree.manager.telemetry.BatchTrace;
import io.teatree.manager.telemetry.ManagerMetrics;
import io.teatree.manager.telemetry.ManagerTracer;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Problem;
import io.teatree.protocol.ProblemType;
import io.teatree.service.log.ModelMdc;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The single writer's loop: fetch a batch, apply it in one transaction, acknowledge, then report to Postgres
 * and publish events. Stops when asked, when idle with nothing outstanding, or when the lease is lost.
 * Each batch is one {@code manager.batch} span; the pending-intents gauge is refreshed at most once a second.
 */
final class WriterLoop {

    private static final Logger LOG = Logger.getLogger(WriterLoop.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PAYLOAD_RETRY = Duration.ofSeconds(5);
    private static final long PENDING_REFRESH_NANOS = Duration.ofSeconds(1).toNanos();

    /** Why the loop ended. */
    enum Exit { STOPPED, IDLE, LEASE_LOST }

    private final IntentSource source;
    private final Decoder decoder;
    private final PayloadFetcher payloads;
    private final BatchExecutor executor;
    private final ControlReporter reporter;
    private final EventPublisher events;
    private final LeaseKeeper lease;
    private final Snapshots snapshots;
    private final Duration idleTimeout;
    private final ManagerTracer tracer;
    private final ManagerMetrics metrics;
    private final AttemptJournal journal;
    private final int poisonAttempts;
    private long pendingRefreshedAt = System.nanoTime() - PENDING_REFRESH_NANOS;

    WriterLoop(IntentSource source, Decoder decoder, PayloadFetcher payloads, BatchExecutor executor, ControlReporter reporter,
               EventPublisher events, LeaseKeeper lease, Snapshots snapshots, Duration idleTimeout, ManagerTracer tracer,
               ManagerMetrics metrics, AttemptJournal journal, int poisonAttempts) {
        this.source = source;
        this.decoder = decoder;
        this.payloads = payloads;
        this.executor = executor;
        this.reporter = reporter;
        this.events = events;
        this.lease = lease;
        this.snapshots = snapshots;
        this.idleTimeout = idleTimeout;
        this.tracer = tracer;
        this.metrics = metrics;
        this.journal = journal;
        this.poisonAttempts = poisonAttempts;
    }

    Exit run(BooleanSupplier stopping) throws SQLException, FencedException, IOException {
        long lastWork = System.nanoTime();
        while (true) {
            if (lease.lost()) {
                return Exit.LEASE_LOST;
            }
            if (stopping.getAsBoolean()) {
                return Exit.STOPPED;
            }
            List<Message> messages = source.next(POLL);
            refreshPending();
            if (messages.isEmpty()) {
                reporter.catchUp(executor.version());
                snapshots.whenIdle(executor.version());
                if (System.nanoTime() - lastWork > idleTimeout.toNanos() && nothingOutstanding()) {
                    return Exit.IDLE;
                }
                continue;
            }
            lastWork = System.nanoTime();
            if (lease.lost()) {
                return Exit.LEASE_LOST; // unacked: redelivered to the next owner
            }
            applyBatch(messages);
        }
    }

    private void applyBatch(List<Message> messages) throws SQLException, FencedException, IOException {
        List<PendingIntent> batch = new ArrayList<>(messages.size());
        int ready = prepare(messages, batch);
        try {
            if (!journal.anyCrashes()) {
                applySegment(messages.subList(0, ready), batch);
            } else {
                applyAroundSuspects(messages.subList(0, ready), batch);
            }
            for (int i = ready; i < messages.size(); i++) {
                messages.get(i).nakWithDelay(PAYLOAD_RETRY);
            }
        } finally {
            batch.stream().map(PendingIntent::payload).filter(p -> p != null).forEach(payloads::discard);
        }
    }

    /**
     * After a crash: intents that were in flight when the process died are applied each in a transaction of its
     * own, in order between the others, so a crash can be blamed on one intent; one that has taken the process
     * down {@code poisonAttempts} times fails {@code poison-intent} without running.
     */
    private void applyAroundSuspects(List<Message> messages, List<PendingIntent> batch) throws SQLException, FencedException, IOException {
        int from = 0;
        for (int i = 0; i <= batch.size(); i++) {
            int crashes = i < batch.size() ? journal.crashes(batch.get(i).id()) : 0;
            if (i < batch.size() && crashes == 0) {
                continue;
            }
            if (i > from) {
                applySegment(messages.subList(from, i), batch.subList(from, i));
            }
            if (i < batch.size()) {
                PendingIntent suspect = batch.get(i);
                if (crashes >= poisonAttempts) {
                    LOG.warnf("intent %s took the db-manager down %d times; failing it as poison-intent", suspect.id(), crashes);
                    suspect = new PendingIntent(suspect.id(), suspect.envelope(), Problem.of(ProblemType.POISON_INTENT,
                            "the db-manager process died " + crashes + " times while applying this intent alone (out of memory, a native"
                                    + " crash or a kill); it was set aside so that the model goes on", null), suspect.payload());
                }
                applySegment(messages.subList(i, i + 1), List.of(suspect));
            }
            from = i + 1;
        }
    }

    private void applySegment(List<Message> messages, List<PendingIntent> batch) throws SQLException, FencedException, IOException {
        BatchTrace trace = tracer.startBatch(messages);
        for (int i = 0; i < batch.size(); i++) {
            trace.link(i, batch.get(i).id());
        }
        List<UUID> ids = batch.stream().map(PendingIntent::id).toList();
        try {
            long started = System.nanoTime();
            journal.begin(ids);
            BatchOutcome outcome;
            try {
                outcome = executor.apply(batch, trace, events::running);
            } catch (FencedException e) {
                journal.end(List.of()); // not a crash of these intents: another writer owns the model
                throw e;
            }
            if (!batch.isEmpty()) {
                metrics.batch(batch.size(), System.nanoTime() - started);
            }
            for (Message message : messages) {
                message.ack();
            }
            journal.end(ids);
            if (outcome.committed()) {
                trace.committed(batch.size(), outcome.version());
                metrics.version(outcome.version());
                metrics.outcomes(outcome.applied());
                reporter.committed(outcome.version(), outcome.applied());
                events.intents(outcome.applied());
                snapshots.afterCommit(outcome.version(), outcome.applied().stream().anyMatch(e ->
                        "snapshot".equals(e.function()) && e.status() == IntentStatus.SUCCEEDED), trace.spanContext());
            } else {
                trace.size(batch.size());
            }
            if (!outcome.replayed().isEmpty()) {
                LOG.infof("%d redelivered intents were applied before; reporting their recorded outcome again", outcome.replayed().size());
                reporter.committed(executor.version(), outcome.replayed());
                events.intents(outcome.replayed());
            }
        } catch (SQLException | FencedException | IOException | RuntimeException e) {
            trace.failed(e);
            throw e;
        } finally {
            trace.end();
        }
    }

    /**
     * Decodes messages and fetches their payloads. When S3 is unreachable for a payload, the batch stops
     * before that intent so the model's order is kept; returns how many messages made it into the batch.
     */
    private int prepare(List<Message> messages, List<PendingIntent> batch) {
        for (int i = 0; i < messages.size(); i++) {
            PendingIntent intent = decoder.decode(messages.get(i));
            if (intent.envelope() != null && intent.envelope().payloadRef() != null) {
                try {
                    Payload payload = payloads.fetch(intent.id(), intent.envelope().payloadRef());
                    intent = intent.withPayload(payload);
                } catch (PayloadFetcher.PayloadMissingException e) {
                    intent = new PendingIntent(intent.id(), null,
                            Problem.of(ProblemType.PAYLOAD_MISSING, e.getMessage(), "payloadRef"), null);
                } catch (Exception e) {
                    UUID id = intent.id();
                    try (ModelMdc about = ModelMdc.intent(id)) {
                        LOG.warnf("payload of intent %s unavailable (%s); it and later intents wait", id, e.getMessage());
                    }
                    return i;
                }
            }
            batch.add(intent);
        }
        return messages.size();
    }

    private boolean nothingOutstanding() {
        try {
            long outstanding = source.outstanding();
            metrics.pending(outstanding);
            pendingRefreshedAt = System.nanoTime();
            return outstanding == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Intents pending plus delivered-unacked on our consumer, for the gauge; at most once a second. */
    private void refreshPending() {
        if (System.nanoTime() - pendingRefreshedAt < PENDING_REFRESH_NANOS) {
            return;
        }
        pendingRefreshedAt = System.nanoTime();
        try {
            metrics.pending(source.outstanding());
        } catch (Exception e) {
            // NATS away: the gauge keeps its last value
        }
    }
}
