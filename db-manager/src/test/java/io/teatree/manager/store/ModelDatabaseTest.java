package io.teatree.manager.store;

import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Problem;
import io.teatree.protocol.ProblemType;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void aWriterWithALowerEpochThanTheFileCannotStampACommit() throws Exception {
        ModelId model = ModelId.of("fence");
        try (ModelDatabase db = ModelDatabase.open(dir, model, Optional.empty(), Optional.of(1))) {
            assertThat(db.stamp(1, 5)).isTrue();
            db.commit();
            assertThat(db.stamp(2, 4)).isFalse();
            db.rollback();
            assertThat(db.epoch()).isEqualTo(5);
            assertThat(db.version()).isEqualTo(1);
        }
        try (ModelDatabase reopened = ModelDatabase.open(dir, model, Optional.empty(), Optional.of(1))) {
            assertThat(reopened.epoch()).isEqualTo(5);
            assertThat(reopened.stamp(2, 6)).isTrue();
        }
    }

    @Test
    void ledgerRoundTripsAndFindsKnownIntents() throws Exception {
        try (ModelDatabase db = ModelDatabase.open(dir, ModelId.of("ledger"), Optional.of("256MB"), Optional.of(1))) {
            Ledger ledger = new Ledger(db.connection());
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            UUID a = UUID.randomUUID();
            UUID b = UUID.randomUUID();
            ledger.append(List.of(new LedgerEntry(a, 1, IntentStatus.SUCCEEDED, now, "append", null, null, now, "k"),
                    new LedgerEntry(b, 1, IntentStatus.FAILED, now, "append", null,
                            Problem.of(ProblemType.BAD_ARGS, "boom", "t").toJson(), now, "k")));
            db.commit();
            assertThat(ledger.find(List.of(a, b, UUID.randomUUID()))).containsOnlyKeys(a, b);
            LedgerEntry failed = ledger.find(List.of(b)).get(b);
            assertThat(failed.error().path("field").asText()).isEqualTo("t");
            assertThat(failed.appliedAt()).isEqualTo(now);
            assertThat(ledger.since(0, 10)).hasSize(2);
            assertThat(ledger.since(1, 10)).isEmpty();
        }
    }

    @Test
    void userSqlCannotReadFilesOrChangeSettingsOnTheModelConnection() throws Exception {
        try (ModelDatabase db = ModelDatabase.open(dir, ModelId.of("locked"), Optional.empty(), Optional.empty())) {
            var st = db.connection().createStatement();
            assertThatThrownBy(() -> st.execute("SELECT * FROM read_csv('/etc/passwd')")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> st.execute("SET enable_external_access = true")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> st.execute("COPY (SELECT 1) TO '" + dir.resolve("x.csv") + "'")).isInstanceOf(SQLException.class);
            assertThat(dir.resolve("x.csv")).doesNotExist();
        }
    }
}
