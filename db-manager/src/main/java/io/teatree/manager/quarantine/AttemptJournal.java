package io.teatree.manager.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teatree.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Which intents the process was applying when it died, kept in {@code <modelDir>/attempts.json} so the next
 * start can tell (docs/db-manager.md, quarantine). Before each transaction the ids it holds are written as
 * in flight; after it ends they are cleared. A start that finds ids in flight counts one crash for each. The file
 * is written through the page cache without fsync: it must survive the death of the process (OOM, a native
 * crash, SIGKILL), which the page cache does, not of the machine, which a poison intent does not cause. A torn
 * or unreadable file is reported and treated as empty. Not thread-safe (the writer thread).
 */
public final class AttemptJournal {

    private static final Logger LOG = Logger.getLogger(AttemptJournal.class);

    private final Path file;
    private final Path temp;
    private final Map<UUID, Integer> crashes;
    private boolean inFlight;

    private AttemptJournal(Path file, Map<UUID, Integer> crashes) {
        this.file = file;
        this.temp = file.resolveSibling(file.getFileName() + ".tmp");
        this.crashes = crashes;
    }

    /** Opens the journal of the model directory, counting a crash for every intent the last process left in flight. */
    public static AttemptJournal open(Path modelDir) throws IOException {
        Path file = modelDir.resolve("attempts.json");
        Map<UUID, Integer> crashes = new HashMap<>();
        if (Files.exists(file)) {
            try {
                JsonNode saved = Json.MAPPER.readTree(Files.readAllBytes(file));
                saved.path("crashes").properties().forEach(e -> crashes.put(UUID.fromString(e.getKey()), e.getValue().asInt()));
                for (JsonNode id : saved.path("inFlight")) {
                    crashes.merge(UUID.fromString(id.asText()), 1, Integer::sum);
                }
                if (!saved.path("inFlight").isEmpty()) {
                    LOG.warnf("the last db-manager process died while applying %d intents; counting a crash for each", saved.path("inFlight").size());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warnf("%s is unreadable (%s); starting with no recorded crashes", file, e.getMessage());
                crashes.clear();
            }
        }
        AttemptJournal journal = new AttemptJournal(file, crashes);
        journal.write(Set.of());
        return journal;
    }

    /** How many times the process died while this intent was in flight. */
    public int crashes(UUID id) {
        return crashes.getOrDefault(id, 0);
    }

    /** Whether any intent has a crash recorded (the common case is none: nothing to split). */
    public boolean anyCrashes() {
        return !crashes.isEmpty();
    }

    /** Records {@code ids} as in flight, before their transaction starts. */
    public void begin(Collection<UUID> ids) throws IOException {
        write(ids);
        inFlight = true;
    }

    /** The transaction of the ids given to {@link #begin} ended (committed, or rolled back and left for redelivery). */
    public void end(Collection<UUID> settled) throws IOException {
        boolean changed = false;
        for (UUID id : settled) {
            changed |= crashes.remove(id) != null;
        }
        if (inFlight || changed) {
            write(Set.of());
        }
        inFlight = false;
    }

    private void write(Collection<UUID> ids) throws IOException {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ArrayNode inFlightIds = doc.putArray("inFlight");
        new LinkedHashSet<>(ids).forEach(id -> inFlightIds.add(id.toString()));
        ObjectNode counts = doc.putObject("crashes");
        crashes.forEach((id, n) -> counts.put(id.toString(), n));
        Files.write(temp, Json.MAPPER.writeValueAsBytes(doc));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
