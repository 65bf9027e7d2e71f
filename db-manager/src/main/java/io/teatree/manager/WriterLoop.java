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
import io.teatree.manager.report.ControlReporter;
import io.teatree.manager.report.EventPublisher;
import io.teatree.manager.snapshot.Snapshots;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Problem;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The single writer's loop: fetch a batch, apply it in one transaction, acknowledge, then report to Postgres
 * and publish events. Stops when asked, when idle with nothing outstanding, or when the lease is lost.
 */
final class WriterLoop {

    private static final Logger LOG = Logger.getLogger(WriterLoop.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PAYLOAD_RETRY = Duration.ofSeconds(5);

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

    WriterLoop(IntentSource source, Decoder decoder, PayloadFetcher payloads, BatchExecutor executor, ControlReporter reporter,
               EventPublisher events, LeaseKeeper lease, Snapshots snapshots, Duration idleTimeout) {
        this.source = source;
        this.decoder = decoder;
        this.payloads = payloads;
        this.executor = executor;
        this.reporter = reporter;
        this.events = events;
        this.lease = lease;
        this.snapshots = snapshots;
        this.idleTimeout = idleTimeout;
    }

    Exit run(BooleanSupplier stopping) throws SQLException, FencedException {
        long lastWork = System.nanoTime();
        while (true) {
            if (lease.lost()) {
                return Exit.LEASE_LOST;
            }
            if (stopping.getAsBoolean()) {
                return Exit.STOPPED;
            }
            List<Message> messages = source.next(POLL);
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

    private void applyBatch(List<Message> messages) throws SQLException, FencedException {
        List<PendingIntent> batch = new ArrayList<>(messages.size());
        int ready = prepare(messages, batch);
        try {
            BatchOutcome outcome = executor.apply(batch);
            for (int i = 0; i < ready; i++) {
                messages.get(i).ack();
            }
            for (int i = ready; i < messages.size(); i++) {
                messages.get(i).nakWithDelay(PAYLOAD_RETRY);
            }
            if (outcome.committed()) {
                reporter.committed(outcome.version(), outcome.applied());
                events.intents(outcome.applied());
                snapshots.afterCommit(outcome.version(), outcome.applied().stream().anyMatch(e ->
                        "snapshot".equals(e.function()) && e.status() == IntentStatus.SUCCEEDED));
            }
            if (!outcome.replayed().isEmpty()) {
                LOG.infof("%d redelivered intents were applied before; reporting their recorded outcome again", outcome.replayed().size());
                reporter.committed(executor.version(), outcome.replayed());
                events.intents(outcome.replayed());
            }
        } finally {
            batch.stream().map(PendingIntent::payload).filter(p -> p != null).forEach(payloads::discard);
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
                            Problem.of("payload-missing", "Payload missing", 422, e.getMessage(), "payloadRef"), null);
                } catch (Exception e) {
                    LOG.warnf("payload of intent %s unavailable (%s); it and later intents wait", intent.id(), e.getMessage());
                    return i;
                }
            }
            batch.add(intent);
        }
        return messages.size();
    }

    private boolean nothingOutstanding() {
        try {
            return source.outstanding() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
