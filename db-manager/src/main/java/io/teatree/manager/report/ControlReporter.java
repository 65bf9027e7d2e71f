package io.teatree.manager.report;

import io.teatree.manager.store.Ledger;
import io.teatree.manager.store.LedgerEntry;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.IntentOutcome;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps the Postgres control rows ({@code intent}, {@code goal_model.current_version}) in step with the ledger.
 * After each commit it records the batch in one statement; when Postgres is down it remembers the last
 * version it reported and later replays the ledger from there (DESIGN §2.7). Writer thread only.
 */
public final class ControlReporter {

    private static final Logger LOG = Logger.getLogger(ControlReporter.class);
    private static final int CATCH_UP_ROWS = 5_000;
    private static final Duration RETRY_EVERY = Duration.ofSeconds(2);

    private final ModelId model;
    private final ControlStore store;
    private final Ledger ledger;
    private long reportedVersion;
    private boolean behind;
    private Instant nextAttempt = Instant.MIN;

    public ControlReporter(ModelId model, ControlStore store, Ledger ledger, long reportedVersion, boolean behind) {
        this.model = model;
        this.store = store;
        this.ledger = ledger;
        this.reportedVersion = reportedVersion;
        this.behind = behind;
    }

    /** Reports a committed batch; on failure marks the reporter behind (the ledger keeps the truth). */
    public void committed(long version, List<LedgerEntry> entries) {
        if (behind) {
            catchUp(version);
            return;
        }
        try {
            store.recordOutcomes(model, entries.stream().map(ControlReporter::outcome).toList(), version);
            reportedVersion = version;
        } catch (SQLException e) {
            LOG.warnf("model %s: cannot record version %d in Postgres (%s); will catch up from the ledger", model, version, e.getMessage());
            behind = true;
            nextAttempt = Instant.now().plus(RETRY_EVERY);
        }
    }

    /** Between batches: when behind, replays the ledger above the last reported version, rate-limited. */
    public void catchUp(long currentVersion) {
        if (!behind || Instant.now().isBefore(nextAttempt)) {
            return;
        }
        try {
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
            behind = false;
            LOG.infof("model %s: control rows caught up to version %d", model, currentVersion);
        } catch (SQLException e) {
            nextAttempt = Instant.now().plus(RETRY_EVERY);
            LOG.debugf("model %s: Postgres still unavailable: %s", model, e.getMessage());
        }
    }

    static IntentOutcome outcome(LedgerEntry e) {
        Instant submitted = e.submittedAt() == null ? e.appliedAt() : e.submittedAt();
        return new IntentOutcome(e.intentId(), e.function() == null ? "unknown" : e.function(), e.status(), e.version(),
                e.result(), e.error(), submitted, e.appliedAt(), e.requester() == null ? "unknown" : e.requester());
    }
}
