package io.teatree.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.e2e.support.ApiClient;
import io.teatree.e2e.support.DocExamples;
import io.teatree.e2e.support.DocExamples.Block;
import io.teatree.e2e.support.ShellSession;
import io.teatree.e2e.support.TeatreeSystem;
import io.teatree.protocol.Json;
import io.teatree.testkit.TeatreeServers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/api.md and docs/functions.md, run in page order against the whole system (issue #13): every
 * shell block that calls curl, each curl answered 2xx unless an {@code <!-- expect: NNN -->} comment above the block
 * says otherwise, and every intent of functions.md ({@code json} blocks with a {@code function}) succeeding on the
 * model that page registers. The convention is in docs/testing.md.
 */
class DocsExamplesE2E {

    /** The model docs/functions.md registers and submits its intents to. */
    private static final String FUNCTIONS_MODEL = "shop";

    private static TeatreeSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = TeatreeSystem.start(Map.of(), Map.of());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyApiExampleAnswersAsDocumented() throws Exception {
        int ran = runPage("docs/api.md", "sales");
        assertThat(ran).as("curl blocks run from docs/api.md").isGreaterThanOrEqualTo(10);
    }

    @Test
    void everyFunctionExampleSucceedsInPageOrder() throws Exception {
        int ran = runPage("docs/functions.md", FUNCTIONS_MODEL);
        assertThat(ran).as("blocks run from docs/functions.md").isGreaterThanOrEqualTo(10);
    }

    /** Runs the page's examples in order, then checks that no intent they queued on {@code model} failed. */
    private static int runPage(String page, String model) throws Exception {
        ShellSession shell = new ShellSession(TeatreeServers.get().newDirectory("docs-" + page.replaceAll("\\W", "-")),
                Map.of("TT", system.apiUrl(), "KEY", TeatreeSystem.ADMIN_KEY));
        ApiClient api = new ApiClient(system.apiUrl(), TeatreeSystem.ADMIN_KEY);
        int ran = 0;
        for (Block block : DocExamples.blocks(page)) {
            if (block.notRun().isPresent()) {
                System.out.printf("%n--- %s not run: %s%n", block, block.notRun().get());
            } else if (block.isShell()) {
                runShell(shell, block);
                ran++;
            } else if (block.isJson() && page.endsWith("functions.md") && Json.MAPPER.readTree(block.text()).has("function")) {
                runIntent(api, block);
                ran++;
            }
        }
        ShellSession.Run failed = shell.run("curl -sN \"$TT/v1/models/" + model + "/events?since=0&types=intent.failed\" -H \"Authorization: Bearer $KEY\"");
        assertThat(failed.codes()).as("events of %s", model).containsExactly(200);
        assertThat(failed.output()).as("intents the examples of %s queued on %s that failed", page, model).doesNotContain("event:");
        return ran;
    }

    private static void runShell(ShellSession shell, Block block) throws Exception {
        ShellSession.Run run = shell.run(block.text());
        List<String> expected = block.expectedCodes();
        List<String> verdicts = new ArrayList<>();
        boolean ok = run.exit() == 0 && !run.codes().isEmpty();
        for (int i = 0; i < run.codes().size(); i++) {
            String want = expected.isEmpty() ? "2xx" : expected.get(expected.size() == 1 ? 0 : Math.min(i, expected.size() - 1));
            int code = run.codes().get(i);
            boolean matches = want.equals("2xx") ? code >= 200 && code < 300 : want.equals(String.valueOf(code));
            ok &= matches && run.curlExits().get(i) == 0;
            verdicts.add(code + (matches ? "" : " (expected " + want + ")") + (run.curlExits().get(i) == 0 ? "" : " curl exit " + run.curlExits().get(i)));
        }
        if (expected.size() > 1 && expected.size() != run.codes().size()) {
            ok = false;
            verdicts.add("expected " + expected.size() + " curl calls, made " + run.codes().size());
        }
        System.out.printf("%n--- %s %s → %s%n%s%n%s", block, ok ? "OK" : "FAILED", verdicts, block.text().strip(),
                indent(run.output()));
        assertThat(ok).as("%s: %s, exit %d%n%s%n%s", block, verdicts, run.exit(), block.text(), run.output()).isTrue();
    }

    private static void runIntent(ApiClient api, Block block) throws Exception {
        JsonNode intent = Json.MAPPER.readTree(block.text());
        HttpResponse<String> accepted = api.post("/v1/models/" + FUNCTIONS_MODEL + "/intents", intent, Map.of());
        assertThat(accepted.statusCode()).as("%s: %s%n%s", block, accepted.body(), block.text()).isEqualTo(202);
        JsonNode status = api.awaitEnd(Json.MAPPER.readTree(accepted.body()).get("id").asText());
        String want = block.expect().orElse("succeeded");
        String got = status.get("status").asText();
        System.out.printf("%n--- %s %s intent %s → 202, %s%n%s%n", block, got.equals(want) ? "OK" : "FAILED",
                intent.get("function").asText(), status.has("error") ? got + " " + status.get("error") : got + " " + status.path("result"),
                block.text().strip());
        assertThat(got).as("%s: %s%n%s", block, status, block.text()).isEqualTo(want);
    }

    private static String indent(String output) {
        return output.isBlank() ? "" : output.strip().lines().map(l -> "    | " + l).reduce("", (a, b) -> a + b + "\n");
    }
}
