package io.teatree.manager.report;

import io.smallrye.faulttolerance.api.Guard;
import io.teatree.manager.store.Ledger;
import io.teatree.manager.store.LedgerEntry;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.ControlStoreUnavailableException;
import io.teatree.protocol.control.IntentOutcome;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Keeps the Postgres control rows ({@code intent}, {@code goal_model.current_version}) in step with the ledger.
 * After each commit it records the batch in one statement; when Postgres is down it remembers the last
 * version it reported and later replays the ledger from there (docs/design.md, invariants), at most every {@link #RETRY_EVERY}.
 * Writer thread only.
 */
public final class ControlReporter {

    private static final Logger LOG = Logger.getLogger(ControlReporter.class);
    private static final int CATCH_UP_ROWS = 5_000;
    static final Duration RETRY_EVERY = Duration.ofSeconds(2);

    private final ModelId model;
    private final ControlStore store;
    private final Ledger ledger;
    private final Guard postgres;
    private long reportedVersion;
    private boolean behind;

    public ControlReporter(ModelId model, ControlStore store, Ledger ledger, long reportedVersion, boolean behind) {
        this.model = model;
        this.store = store;
        this.ledger = ledger;
        this.reportedVersion = reportedVersion;
        this.behind = behind;
        // A circuit breaker, not a retry: the writer must never wait for Postgres. One failed call opens it and
        // for RETRY_EVERY every call is refused at once; the first call after that is the trial: success closes
        // it, failure opens it for another RETRY_EVERY. So a call that finds Postgres down is followed by the
        // next attempt no sooner than RETRY_EVERY later, and catch-up runs on the first writer call after that.
        this.postgres = Guard.create().withDescription("teatree.manager.control-rows")
                .withCircuitBreaker().requestVolumeThreshold(1).failureRatio(1.0).successThreshold(1)
                .delay(RETRY_EVERY.toMillis(), ChronoUnit.MILLIS).failOn(List.of(SQLException.class, ControlStoreUnavailableException.class)).done()
                .build();
    }

    /** Reports a committed batch; on failure marks the reporter behind (the ledger keeps the truth). */
    public void committed(long version, List<LedgerEntry> entries) {
        if (behind) {
            catchUp(version);
            return;
        }
        try {
            guarded(() -> store.recordOutcomes(model, entries.stream().map(ControlReporter::outcome).toList(), version));
            reportedVersion = version;
        } catch (SQLException | ControlStoreUnavailableException | CircuitBreakerOpenException e) {
            LOG.warnf("model %s: cannot record version %d in Postgres (%s); will catch up from the ledger", model, version, e.getMessage());
            behind = true;
        }
    }

    /** Between batches: when behind, replays the ledger above the last reported version, rate-limited. */
    public void catchUp(long currentVersion) {
        if (!behind) {
            return;
        }
        try {
            guarded(() -> replay(currentVersion));
            behind = false;
            LOG.infof("model %s: control rows caught up to version %d", model, currentVersion);
        } catch (CircuitBreakerOpenException e) {
            // Postgres failed less than RETRY_EVERY ago
        } catch (SQLException | ControlStoreUnavailableException e) {
            LOG.debugf("model %s: Postgres still unavailable: %s", model, e.getMessage());
        }
    }

    private void replay(long currentVersion) throws SQLException {
        while (reportedVersion < currentVersion) {
            List<LedgerEntry> entries = ledger.since(reportedVersion, CATCH_UP_ROWS);
            ledger.connection().commit();
            if (entries.isEmpty()) {
                break;
            }
            long upTo = entries.get(entries.size() - 1).version();
            if (entries.size() == CATCH_UP_ROWS && upTo > reportedVersion + 1) {
                upTo -= 1; // keep whole versions together: the last one may be cut
                final long limit = upTo;
                entries = entries.stream().filter(e -> e.version() <= limit).toList();
            }
            store.recordOutcomes(model, entries.stream().map(ControlReporter::outcome).toList(), upTo);
            reportedVersion = upTo;
        }
        store.recordOutcomes(model, List.of(), currentVersion);
        reportedVersion = currentVersion;
    }

    private interface SqlCall {
        void run() throws SQLException;
    }

    /** Runs {@code call} through the circuit breaker. */
    private void guarded(SqlCall call) throws SQLException {
        try {
            postgres.call(() -> {
                call.run();
                return null;
            }, Void.class);
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure reporting to Postgres", e);
        }
    }

    static IntentOutcome outcome(LedgerEntry e) {
        Instant submitted = e.submittedAt() == null ? e.appliedAt() : e.submittedAt();
        return new IntentOutcome(e.intentId(), e.function() == null ? "unknown" : e.function(), e.status(), e.version(),
                e.result(), e.error(), submitted, e.startedAt() == null ? e.appliedAt() : e.startedAt(), e.appliedAt(),
                e.requester() == null ? "unknown" : e.requester());
    }
}
