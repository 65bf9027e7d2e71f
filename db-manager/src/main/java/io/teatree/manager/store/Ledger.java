package io.teatree.manager.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.protocol.IntentStatus;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Reads and writes the ledger {@code _teatree.applied}, the source of truth for what was applied (docs/design.md, invariants).
 * Rows are written in the same transaction as the effects. Functions are named through {@code system.main}, so a
 * user macro that shadows one cannot change what the ledger reads or writes. Not thread-safe (the writer's connection).
 */
public final class Ledger {

    private static final String COLUMNS = "intent_id, version, status, applied_at, function, result, error, submitted_at, requester, started_at";

    private final Connection connection;

    public Ledger(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    /** The entries of those intents that are already in the ledger (one statement, the ids as one JSON parameter). */
    public Map<UUID, LedgerEntry> find(Collection<UUID> ids) throws SQLException {
        Map<UUID, LedgerEntry> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        ids.forEach(id -> list.add(id.toString()));
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM _teatree.applied"
                + " WHERE intent_id IN (SELECT system.main.unnest(system.main.from_json(?::JSON, '[\"UUID\"]')))")) {
            ps.setString(1, list.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LedgerEntry entry = entry(rs);
                    found.put(entry.intentId(), entry);
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

    /**
     * Appends entries inside the open transaction with one short statement: the rows travel as one JSON
     * parameter that DuckDB unnests (a long {@code VALUES} list costs more to parse than to insert).
     */
    public void append(List<LedgerEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        ArrayNode rows = Json.MAPPER.createArrayNode();
        for (LedgerEntry e : entries) {
            ObjectNode row = rows.addObject();
            row.put("intent_id", e.intentId().toString());
            row.put("version", e.version());
            row.put("status", e.status().wireName());
            row.put("applied_at", TIMESTAMP.format(utc(e.appliedAt())));
            row.put("function", e.function());
            row.put("result", e.result() == null ? null : e.result().toString());
            row.put("error", e.error() == null ? null : e.error().toString());
            row.put("submitted_at", e.submittedAt() == null ? null : TIMESTAMP.format(utc(e.submittedAt())));
            row.put("requester", e.requester());
            row.put("started_at", e.startedAt() == null ? null : TIMESTAMP.format(utc(e.startedAt())));
        }
        try (PreparedStatement ps = connection.prepareStatement(APPEND)) {
            ps.setString(1, rows.toString());
            ps.executeUpdate();
        }
    }

    private static final java.time.format.DateTimeFormatter TIMESTAMP = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private static final String APPEND = "INSERT INTO _teatree.applied (" + COLUMNS + ") SELECT " + COLUMNS + " FROM (SELECT system.main.unnest("
            + "system.main.from_json(?::JSON, '[{\"intent_id\":\"UUID\",\"version\":\"BIGINT\",\"status\":\"VARCHAR\",\"applied_at\":\"TIMESTAMP\","
            + "\"function\":\"VARCHAR\",\"result\":\"VARCHAR\",\"error\":\"VARCHAR\",\"submitted_at\":\"TIMESTAMP\",\"requester\":\"VARCHAR\",\"started_at\":\"TIMESTAMP\"}]'),"
            + " recursive := true))";

    private static LedgerEntry entry(ResultSet rs) throws SQLException {
        return new LedgerEntry(UUID.fromString(rs.getString("intent_id")), rs.getLong("version"),
                IntentStatus.fromWire(rs.getString("status")), instant(rs.getObject("applied_at", LocalDateTime.class)), rs.getString("function"),
                json(rs.getString("result")), json(rs.getString("error")), instant(rs.getObject("submitted_at", LocalDateTime.class)), rs.getString("requester"),
                instant(rs.getObject("started_at", LocalDateTime.class)));
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
