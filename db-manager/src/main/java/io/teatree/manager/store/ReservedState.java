package io.teatree.manager.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A fingerprint of what user code must never change inside a batch: the open transaction itself, the meta rows
 * (version and fencing epoch), the ledger {@code _teatree.applied} (row count and an order-free hash of every
 * row) and the catalog of the {@code _teatree} schema (each table, view, index, sequence and constraint with its
 * oid and definition). The batch executor reads it before and after user SQL runs and refuses a change
 * (docs/db-manager.md, integrity). One statement; every function is named through {@code system.main} so that a
 * user macro cannot shadow it. Its cost grows with the ledger: about 10 ms per million ledger rows here.
 */
public final class ReservedState {

    private static final String FINGERPRINT = """
            SELECT (SELECT system.main.string_agg(key || '=' || value, ',' ORDER BY key) FROM _teatree.meta),
                   (SELECT system.main.count_star() FROM _teatree.applied),
                   (SELECT COALESCE(system.main.bit_xor(system.main.hash(a)), 0)::VARCHAR FROM _teatree.applied a),
                   (SELECT system.main.string_agg(d, ';' ORDER BY d) FROM (
                       SELECT 'table ' || table_name || ' ' || table_oid || ' ' || sql d FROM system.main.duckdb_tables() WHERE schema_name = '_teatree'
                       UNION ALL SELECT 'view ' || view_name || ' ' || view_oid FROM system.main.duckdb_views() WHERE schema_name = '_teatree'
                       UNION ALL SELECT 'index ' || index_name || ' ' || index_oid FROM system.main.duckdb_indexes() WHERE schema_name = '_teatree'
                       UNION ALL SELECT 'sequence ' || sequence_name || ' ' || sequence_oid FROM system.main.duckdb_sequences() WHERE schema_name = '_teatree'
                       UNION ALL SELECT 'constraint ' || table_name || ' ' || constraint_text FROM system.main.duckdb_constraints() WHERE schema_name = '_teatree'))
            """;

    private ReservedState() {
    }

    /**
     * The reserved state as the open transaction of {@code connection} sees it (starting one when none is open).
     *
     * @param transaction the id of the open transaction: it changes when user code ended the transaction
     * @param meta        the meta rows, {@code key=value,...}
     * @param ledgerRows  the number of ledger rows
     * @param ledgerHash  the XOR of the hashes of every ledger row
     * @param catalog     the {@code _teatree} schema's objects with their oids and definitions
     */
    public record Fingerprint(long transaction, String meta, long ledgerRows, String ledgerHash, String catalog) {

        /** Whether the transaction is the one this fingerprint was read in. */
        public boolean sameTransaction(Fingerprint other) {
            return transaction == other.transaction;
        }

        /** What differs from {@code other}, in words, e.g. {@code [meta, ledger rows]}; empty when nothing does. */
        public List<String> differences(Fingerprint other) {
            List<String> differ = new ArrayList<>();
            if (transaction != other.transaction) {
                differ.add("transaction");
            }
            if (!meta.equals(other.meta)) {
                differ.add("meta");
            }
            if (ledgerRows != other.ledgerRows || !ledgerHash.equals(other.ledgerHash)) {
                differ.add("ledger");
            }
            if (!catalog.equals(other.catalog)) {
                differ.add("catalog");
            }
            return differ;
        }
    }

    /**
     * Reads the fingerprint inside the open transaction. When the bookkeeping tables cannot be read (dropped or
     * renamed) the fingerprint says so in its catalog instead of throwing, and the transaction is left aborted.
     */
    public static Fingerprint read(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            long transaction;
            try (ResultSet rs = s.executeQuery("SELECT system.main.txid_current()")) {
                rs.next();
                transaction = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery(FINGERPRINT)) {
                rs.next();
                return new Fingerprint(transaction, String.valueOf(rs.getString(1)), rs.getLong(2), String.valueOf(rs.getString(3)),
                        String.valueOf(rs.getString(4)));
            } catch (SQLException e) {
                return new Fingerprint(transaction, "unreadable", -1, "unreadable", "unreadable: " + e.getMessage());
            }
        }
    }
}
