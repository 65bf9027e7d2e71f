package io.teatree.manager.apply;

import io.teatree.manager.store.LedgerEntry;
import java.util.List;

/**
 * What one batch did.
 *
 * @param committed true when a transaction was committed (the model version rose by one)
 * @param version   the model version after the batch
 * @param applied   ledger entries written by this batch (succeeded and failed)
 * @param replayed  ledger entries of intents that had been applied before (redeliveries), reported again
 */
public record BatchOutcome(boolean committed, long version, List<LedgerEntry> applied, List<LedgerEntry> replayed) {
}
