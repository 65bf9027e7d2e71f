package io.teatree.manager.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.teatree.manager.store.Ledger;
import io.teatree.manager.store.LedgerEntry;
import io.teatree.manager.store.ModelDatabase;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.ControlStoreUnavailableException;
import io.teatree.protocol.control.IntentOutcome;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlReporterTest {

    private static final ModelId MODEL = ModelId.of("reporter");

    @TempDir
    Path dir;

    @Test
    void whilePostgresIsDownItIsTriedAtMostEveryTwoSecondsAndTheControlRowsCatchUpWhenItIsBack() throws Exception {
        try (ModelDatabase db = ModelDatabase.open(dir, MODEL, Optional.empty(), Optional.of(1))) {
            Ledger ledger = new Ledger(db.connection());
            FlakyStore store = new FlakyStore();
            ControlReporter reporter = new ControlReporter(MODEL, store, ledger, 0, false);
            List<UUID> applied = new ArrayList<>();
            for (long version = 1; version <= 3; version++) {
                applied.addAll(commit(db, ledger, reporter, version, 2));
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
                reporter.catchUp(3); // the writer calls this between batches
                return store.attempts.size() >= 3;
            });
            for (int i = 1; i < store.attempts.size(); i++) {
                assertThat(Duration.ofNanos(store.attempts.get(i) - store.attempts.get(i - 1))).as("pause before attempt %d", i + 1)
                        .isGreaterThanOrEqualTo(ControlReporter.RETRY_EVERY);
            }
            assertThat(store.recorded).isEmpty();

            store.down = false;
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
                reporter.catchUp(3);
                return store.currentVersion == 3;
            });
            assertThat(store.recorded).containsExactlyInAnyOrderElementsOf(applied);

            int attempts = store.attempts.size();
            List<UUID> fourth = commit(db, ledger, reporter, 4, 1);
            assertThat(store.attempts).as("caught up: one statement per batch again").hasSize(attempts + 1);
            assertThat(store.recorded).containsAll(fourth);
            assertThat(store.currentVersion).isEqualTo(4);
        }
    }

    /** Appends {@code intents} ledger rows of {@code version}, commits and reports them as the writer does. */
    private static List<UUID> commit(ModelDatabase db, Ledger ledger, ControlReporter reporter, long version, int intents) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < intents; i++) {
            entries.add(new LedgerEntry(UUID.randomUUID(), version, IntentStatus.SUCCEEDED, now, "append", null, null, now, "k"));
        }
        ledger.append(entries);
        db.commit();
        reporter.committed(version, entries);
        return entries.stream().map(LedgerEntry::intentId).toList();
    }

    /** A control store whose Postgres is down until told otherwise. */
    private static final class FlakyStore extends ControlStore {
        volatile boolean down = true;
        volatile long currentVersion;
        final List<Long> attempts = new CopyOnWriteArrayList<>();
        final Set<UUID> recorded = ConcurrentHashMap.newKeySet();

        FlakyStore() {
            super(null);
        }

        @Override
        public void recordOutcomes(ModelId model, Collection<IntentOutcome> outcomes, long currentVersion) {
            attempts.add(System.nanoTime());
            if (down) {
                throw new ControlStoreUnavailableException("record outcomes", new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));
            }
            outcomes.forEach(o -> recorded.add(o.id()));
            this.currentVersion = Math.max(this.currentVersion, currentVersion);
        }
    }
}
