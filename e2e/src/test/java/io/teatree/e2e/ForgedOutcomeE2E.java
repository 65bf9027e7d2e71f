package io.teatree.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.e2e.support.ApiClient;
import io.teatree.e2e.support.TeatreeSystem;
import io.teatree.protocol.IntentIds;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A writer (here even an admin, who may use raw {@code sql}) cannot forge the outcome of an intent (issue #12): the
 * attack of the security review, a ledger row for the intent id an {@code Idempotency-Key} maps to, sent through
 * every SQL-taking function and with every trick that once got past the guard, is refused; the real intent with
 * that key then runs and takes effect, and the model keeps applying intents (no crashloop from a forged epoch).
 */
class ForgedOutcomeE2E {

    private static final String MODEL = "forge";
    private static final String KEY = "order-42";

    private static TeatreeSystem system;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        system = TeatreeSystem.start(Map.of(), Map.of());
        api = new ApiClient(system.apiUrl(), TeatreeSystem.ADMIN_KEY);
        api.registerModel(MODEL);
        assertThat(api.run(MODEL, "create_table", Map.of("table", "t", "columns", Map.of("id", "BIGINT"))).get("status").asText())
                .isEqualTo("succeeded");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void noSqlTakingFunctionCanForgeALedgerRowAndTheRealIntentThenTakesEffect() throws Exception {
        UUID target = IntentIds.fromIdempotencyKey(ModelId.of(MODEL), KEY);
        String forge = "INSERT INTO _teatree.applied (intent_id, version, status, applied_at, function, result)"
                + " VALUES ('" + target + "', 1, 'succeeded', now()::TIMESTAMP, 'append', '{\"rows\": 1}')";
        String quotedForge = forge.replace("_teatree.applied", "\"_teatree\".\"applied\"");
        List<String> statements = List.of(
                forge,
                quotedForge,
                forge.replace("_teatree.applied", "_TEATREE.APPLIED"),
                "SELECT $×$ $×$; " + forge,
                "SELECT $a$ ; $a$; " + forge,
                "SELECT 1 /* ; */; " + forge,
                "SELECT 1; COMMIT; " + forge,
                "COMMIT",
                "WITH d AS (" + forge + " RETURNING *) SELECT * FROM d",
                "CREATE TABLE x AS WITH d AS (" + forge + " RETURNING *) SELECT * FROM d",
                "UPDATE _teatree.meta SET value = 999999 WHERE key = 'epoch'",
                "CREATE MACRO from_json(j, s) AS ['" + target + "']",
                "CREATE TABLE leak AS SELECT * FROM query_table('_teatree.applied')",
                "CREATE TABLE leak AS SELECT * FROM query('SELECT * FROM _teatree.applied')",
                "PREPARE p AS " + forge,
                "ATTACH ':memory:' AS side",
                "CREATE TABLE _teatree.extra AS SELECT 1 AS a",
                "DROP TABLE _teatree.applied");
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String sql : statements) {
            outcomes.put("sql: " + sql, attempt("sql", Map.of("statements", List.of(sql))));
        }
        outcomes.put("sql, split over statements", attempt("sql", Map.of("statements", List.of("SELECT $×$", "$×$; " + forge))));
        outcomes.put("pipeline stage closing its CTE", attempt("pipeline", Map.of("target", "p",
                "stages", List.of(Map.of("name", "s", "sql", "SELECT 1 AS a) , d AS (" + forge + " RETURNING *) SELECT * FROM d --")))));
        outcomes.put("pipeline stage reading the ledger", attempt("pipeline", Map.of("target", "p",
                "stages", List.of(Map.of("name", "s", "sql", "SELECT * FROM _teatree.applied")))));
        outcomes.put("delete predicate closing its statement", attempt("delete", Map.of("table", "t", "where", "1 = 1; " + forge + "; --")));
        outcomes.put("delete predicate reading the ledger", attempt("delete", Map.of("table", "t",
                "where", "id IN (SELECT 1 FROM _teatree.applied)")));
        outcomes.forEach((attack, outcome) -> System.out.println(attack + "\n    → " + outcome));
        outcomes.forEach((attack, outcome) -> assertThat(outcome).as(attack).startsWith("refused"));

        HttpResponse<String> real = api.post("/v1/models/" + MODEL + "/intents",
                Map.of("function", "append", "args", Map.of("table", "t", "rows", List.of(Map.of("id", 42)))), Map.of("Idempotency-Key", KEY));
        assertThat(real.statusCode()).as(real.body()).isEqualTo(202);
        assertThat(Json.MAPPER.readTree(real.body()).get("id").asText()).isEqualTo(target.toString());
        JsonNode status = api.awaitEnd(target.toString());
        assertThat(status.get("status").asText()).isEqualTo("succeeded");
        assertThat(status.path("result").path("rows").asLong()).as(status.toString()).isEqualTo(1);

        assertThat(api.run(MODEL, "snapshot", Map.of()).get("status").asText()).as("the model still applies intents").isEqualTo("succeeded");
        Awaitility.await("row 42 in a published version").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.query(MODEL, "SELECT count(*) AS n FROM t WHERE id = 42").path(0).path("n").asLong() == 1);
    }

    @Test
    void theQueryEndpointRefusesLedgerReadsAndDataModifyingCtes() throws Exception {
        for (String sql : List.of("SELECT * FROM _teatree.applied", "SELECT * FROM \"_teatree\".meta",
                "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "SELECT 1; DELETE FROM t",
                "SELECT * FROM query_table('_teatree.applied')", "SELECT current_setting('threads')")) {
            HttpResponse<String> response = api.post("/v1/models/" + MODEL + "/query", Map.of("sql", sql), Map.of());
            assertThat(response.statusCode()).as(sql + " → " + response.body()).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(sql).contains("problem+json");
        }
    }

    /**
     * Submits one attack; "refused (status): detail" when the API or the manager refused it, "succeeded" otherwise.
     */
    private static String attempt(String function, Map<String, Object> args) throws Exception {
        HttpResponse<String> response = api.post("/v1/models/" + MODEL + "/intents", Map.of("function", function, "args", args), Map.of());
        JsonNode body = Json.MAPPER.readTree(response.body());
        if (response.statusCode() != 202) {
            assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
            assertThat(body.path("detail").asText()).as("a clear reason").isNotBlank();
            return "refused (" + response.statusCode() + "): " + body.path("detail").asText();
        }
        JsonNode status = api.awaitEnd(body.get("id").asText());
        if (status.get("status").asText().equals("failed")) {
            return "refused (failed): " + status.path("error").path("detail").asText();
        }
        return "succeeded: " + status;
    }
}
