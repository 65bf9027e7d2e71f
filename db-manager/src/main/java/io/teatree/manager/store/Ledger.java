package io.teatree.manager.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads and writes the ledger {@code _teatree.applied}, the source of truth for what was applied (DESIGN §2.3).
 * Rows are written in the same transaction as the effects. Not thread-safe (the writer's connection).
 */
public final class Ledger {

    private static final int ROWS_PER_STATEMENT = 200;
    private static final String COLUMNS = "intent_id, version, status, applied_at, function, result, error, submitted_at, requester";

    private final Connection connection;

    public Ledger(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    /** The entries of those intents that are already in the ledger. */
    public Map<UUID, LedgerEntry> find(Collection<UUID> ids) throws SQLException {
        Map<UUID, LedgerEntry> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<UUID> list = new ArrayList<>(ids);
        for (int from = 0; from < list.size(); from += ROWS_PER_STATEMENT) {
            List<UUID> chunk = list.subList(from, Math.min(list.size(), from + ROWS_PER_STATEMENT));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM _teatree.applied WHERE intent_id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setObject(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LedgerEntry entry = entry(rs);
                        found.put(entry.intentId(), entry);
                    }
                }
            }
        }
        return found;
    }

    /** Entries with a version above {@code afterVersion}, oldest first, at most {@code limit}. */
    public List<LedgerEntry> since(long afterVersion, int limit) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM _teatree.applied WHERE version > ? ORDER BY version, applied_at LIMIT ?")) {
            ps.setLong(1, afterVersion);
            ps.setInt(2, limit);
            List<LedgerEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(entry(rs));
                }
            }
            return entries;
        }
    }

    /** Appends entries inside the open transaction, a few hundred rows per statement. */
    public void append(List<LedgerEntry> entries) throws SQLException {
        for (int from = 0; from < entries.size(); from += ROWS_PER_STATEMENT) {
            List<LedgerEntry> chunk = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_STATEMENT));
            String row = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
            String sql = "INSERT INTO _teatree.applied (" + COLUMNS + ") VALUES " + String.join(",", java.util.Collections.nCopies(chunk.size(), row));
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int p = 1;
                for (LedgerEntry e : chunk) {
                    ps.setObject(p++, e.intentId());
                    ps.setLong(p++, e.version());
                    ps.setString(p++, e.status().wireName());
                    ps.setObject(p++, utc(e.appliedAt()));
                    ps.setString(p++, e.function());
                    ps.setString(p++, e.result() == null ? null : e.result().toString());
                    ps.setString(p++, e.error() == null ? null : e.error().toString());
                    ps.setObject(p++, utc(e.submittedAt()));
                    ps.setString(p++, e.requester());
                }
                ps.executeUpdate();
            }
        }
    }

    private static LedgerEntry entry(ResultSet rs) throws SQLException {
        return new LedgerEntry(UUID.fromString(rs.getString("intent_id")), rs.getLong("version"),
                IntentStatus.fromWire(rs.getString("status")), instant(rs.getObject("applied_at", LocalDateTime.class)), rs.getString("function"),
                json(rs.getString("result")), json(rs.getString("error")), instant(rs.getObject("submitted_at", LocalDateTime.class)), rs.getString("requester"));
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static JsonNode json(String text) throws SQLException {
        if (text == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new SQLException("ledger holds invalid JSON", e);
        }
    }
}
