package io.teatree.functions.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.Payload;
import io.teatree.functions.PayloadFormat;
import io.teatree.functions.testing.ModelDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class UpsertFunctionTest {

    private final UpsertFunction upsert = new UpsertFunction();

    @RegisterExtension
    final ModelDb db = ModelDb.with("CREATE TABLE goals (site VARCHAR, product VARCHAR, amount DECIMAL(10,2), note VARCHAR, PRIMARY KEY (site, product))",
            "INSERT INTO goals VALUES ('north', 'tea', 10, 'keep'), ('south', 'tea', 20, 'keep')",
            "CREATE TABLE plain (id INTEGER, amount INTEGER)",
            "INSERT INTO plain VALUES (1, 100), (2, 200)");

    @Test
    void updatesExistingKeysAndInsertsNewOnesWithOnConflict() throws Exception {
        var result = db.apply(upsert, """
                {"table": "goals", "key": ["site", "product"], "rows": [
                  {"site": "north", "product": "tea", "amount": 11},
                  {"site": "east", "product": "tea", "amount": 5, "note": "new"}]}""");

        assertThat(result.get("method").asText()).isEqualTo("on_conflict");
        assertThat(result.get("rows").asLong()).isEqualTo(2);
        assertThat(db.rows("SELECT site, product, amount, note FROM goals ORDER BY site")).containsExactly(
                List.of("east", "tea", "5.00", "new"),
                List.of("north", "tea", "11.00", "keep"),
                List.of("south", "tea", "20.00", "keep"));
    }

    @Test
    void columnsNotGivenKeepTheirValues() throws Exception {
        db.apply(upsert, """
                {"table": "goals", "key": ["product", "site"], "rows": [{"site": "north", "product": "tea", "amount": 12}]}""");

        assertThat(db.rows("SELECT amount, note FROM goals WHERE site = 'north'")).containsExactly(List.of("12.00", "keep"));
    }

    @Test
    void withoutAUniqueKeyItMergesAndTheLastDuplicateWins() throws Exception {
        var result = db.apply(upsert, """
                {"table": "plain", "key": ["id"], "rows": [
                  {"id": 2, "amount": 201}, {"id": 3, "amount": 300}, {"id": 2, "amount": 202}]}""");

        assertThat(result.get("method").asText()).isEqualTo("merge");
        assertThat(db.rows("SELECT id, amount FROM plain ORDER BY id")).containsExactly(
                List.of("1", "100"), List.of("2", "202"), List.of("3", "300"));
    }

    @Test
    void aRowThatLeavesAColumnOutKeepsItsValueWhileOthersGiveIt() throws Exception {
        db.apply(upsert, """
                {"table": "goals", "key": ["site", "product"], "rows": [
                  {"site": "north", "product": "tea", "amount": 11},
                  {"site": "south", "product": "tea", "note": "changed"}]}""");

        assertThat(db.rows("SELECT site, amount, note FROM goals ORDER BY site")).containsExactly(
                List.of("north", "11.00", "keep"), List.of("south", "20.00", "changed"));
    }

    @Test
    void anExplicitNullSetsNullAndANewKeyGetsNullForWhatItLeavesOut() throws Exception {
        db.apply(upsert, """
                {"table": "goals", "key": ["site", "product"], "rows": [
                  {"site": "north", "product": "tea", "note": null},
                  {"site": "east", "product": "tea", "amount": 5}]}""");

        assertThat(db.rows("SELECT site, amount, note FROM goals ORDER BY site")).containsExactly(
                List.of("east", "5.00", "null"), List.of("north", "10.00", "null"), List.of("south", "20.00", "keep"));
    }

    @Test
    void mixedRunsApplyInOrderAndTheLaterRowWinsForTheSameKey() throws Exception {
        var result = db.apply(upsert, """
                {"table": "goals", "key": ["site", "product"], "rows": [
                  {"site": "north", "product": "tea", "amount": 11},
                  {"site": "north", "product": "tea", "note": "first"},
                  {"site": "north", "product": "tea", "amount": 12, "note": "second"},
                  {"site": "north", "product": "tea", "amount": 13},
                  {"site": "south", "product": "tea", "amount": 21},
                  {"site": "south", "product": "tea", "amount": 22}]}""");

        assertThat(result.get("method").asText()).isEqualTo("on_conflict");
        assertThat(db.rows("SELECT site, amount, note FROM goals ORDER BY site")).containsExactly(
                List.of("north", "13.00", "second"), List.of("south", "22.00", "keep"));
    }

    @Test
    void mergeAlsoKeepsTheColumnsARowLeavesOut() throws Exception {
        db.setup("ALTER TABLE plain ADD COLUMN note VARCHAR DEFAULT 'default'", "UPDATE plain SET note = 'keep'");

        var result = db.apply(upsert, """
                {"table": "plain", "key": ["id"], "rows": [
                  {"id": 1, "amount": 101}, {"id": 2, "note": "changed"}, {"id": 3, "amount": 300}, {"id": 1, "note": null}]}""");

        assertThat(result.get("method").asText()).isEqualTo("merge");
        assertThat(db.rows("SELECT id, amount, note FROM plain ORDER BY id")).containsExactly(
                List.of("1", "101", "null"), List.of("2", "200", "changed"), List.of("3", "300", "default"));
    }

    @Test
    void ndjsonRowsThatLeaveAColumnOutKeepItsValue(@TempDir Path dir) throws Exception {
        Path ndjson = Files.writeString(dir.resolve("goals.ndjson"), """
                {"site": "north", "product": "tea", "amount": 11}
                {"site": "south", "product": "tea", "note": "changed"}
                {"site": "south", "product": "tea", "amount": 21, "note": null}
                {"site": "east", "product": "tea", "amount": 5}
                {"site": "north", "product": "tea", "note": "last"}
                """);

        db.apply(upsert, "{\"table\": \"goals\", \"key\": [\"site\", \"product\"]}", new Payload(PayloadFormat.NDJSON, ndjson));

        assertThat(db.rows("SELECT site, amount, note FROM goals ORDER BY site")).containsExactly(
                List.of("east", "5.00", "null"), List.of("north", "11.00", "last"), List.of("south", "21.00", "null"));
    }

    @Test
    void jsonArrayRowsThatLeaveAColumnOutKeepItsValue(@TempDir Path dir) throws Exception {
        Path json = Files.writeString(dir.resolve("plain.json"), """
                [{"id": 2, "amount": 201}, {"id": 3}, {"id": 2, "amount": 202}, {"id": 1, "amount": null}, {"id": 2}]""");

        db.apply(upsert, "{\"table\": \"plain\", \"key\": [\"id\"]}", new Payload(PayloadFormat.JSON, json));

        assertThat(db.rows("SELECT id, amount FROM plain ORDER BY id")).containsExactly(
                List.of("1", "null"), List.of("2", "202"), List.of("3", "null"));
    }

    @Test
    void aPayloadWhoseRowsGiveEveryColumnIsOneStatementAndNullsAreValues(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("goals.csv"), "site,product,amount,note\nnorth,tea,,\nsouth,tea,22,x\n");

        db.apply(upsert, "{\"table\": \"goals\", \"key\": [\"site\", \"product\"]}", new Payload(PayloadFormat.CSV, csv));

        assertThat(db.rows("SELECT site, amount, note FROM goals ORDER BY site")).containsExactly(
                List.of("north", "null", "null"), List.of("south", "22.00", "x"));
    }

    @Test
    void upsertsAPayload(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("goals.csv"), "site,product,amount\nsouth,tea,21.5\nwest,coffee,7\n");

        db.apply(upsert, "{\"table\": \"goals\", \"key\": [\"site\", \"product\"]}", new Payload(PayloadFormat.CSV, csv));

        assertThat(db.rows("SELECT site, product, amount FROM goals ORDER BY site")).containsExactly(
                List.of("north", "tea", "10.00"), List.of("south", "tea", "21.50"), List.of("west", "coffee", "7.00"));
    }

    @Test
    void keysAreRequiredAndMustBeColumns() throws Exception {
        assertThatThrownBy(() -> upsert.parseArgs(ModelDb.json("{\"table\": \"goals\", \"rows\": []}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("key"));
        assertThatThrownBy(() -> db.apply(upsert, """
                {"table": "goals", "key": ["site", "colour"], "rows": [{"site": "x"}]}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("key[1]");
                    assertThat(e.type().slug()).isEqualTo("unknown-column");
                });
        assertThatThrownBy(() -> db.apply(upsert, """
                {"table": "goals", "key": ["site", "product"], "rows": [{"site": "x", "amount": 1}]}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.field()).isEqualTo("rows[0].product"));
        assertThatThrownBy(() -> db.apply(upsert, """
                {"table": "plain", "key": ["id"], "rows": [{"amount": 1}]}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.field()).isEqualTo("key[0]"));
        assertThatThrownBy(() -> db.apply(upsert, """
                {"table": "plain", "key": ["id"], "rows": [{"id": 1, "amount": 2}, {"id": 2, "amount": "2x"}]}"""))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("rows[1].amount");
                    assertThat(e.type().slug()).isEqualTo("type-mismatch");
                });
        assertThat(db.rows("SELECT id, amount FROM plain ORDER BY id")).containsExactly(List.of("1", "100"), List.of("2", "200"));
    }
}
