package io.teatree.dispatcher.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code helm/teatree/dashboards/teatree.json}: valid Grafana 10 dashboard JSON whose queries use exactly the
 * metrics every service exports (docs/design.md, observability), as Prometheus names them, each of them at least once.
 */
class GrafanaDashboardTest {

    /** How Prometheus renders a Micrometer meter: the names a query may use. */
    private enum Kind {
        COUNTER("_total"), GAUGE(""), HISTOGRAM("_bucket", "_sum", "_count", "_max");

        final List<String> suffixes;

        Kind(String... suffixes) {
            this.suffixes = List.of(suffixes);
        }
    }

    /** Every Teatree metric (as Prometheus prints it, before the suffix), its kind and whether it has a model label. */
    private record Metric(String name, Kind kind, boolean byModel) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("teatree_api_intents_accepted", Kind.COUNTER, true),
            new Metric("teatree_api_intents_rejected", Kind.COUNTER, false),
            new Metric("teatree_api_sse_subscribers", Kind.GAUGE, false),
            new Metric("teatree_manager_intents_applied", Kind.COUNTER, true),
            new Metric("teatree_manager_intents_failed", Kind.COUNTER, true),
            new Metric("teatree_manager_batch_size", Kind.HISTOGRAM, true),
            new Metric("teatree_manager_batch_apply_seconds", Kind.HISTOGRAM, true),
            new Metric("teatree_manager_pending_intents", Kind.GAUGE, true),
            new Metric("teatree_manager_version", Kind.GAUGE, true),
            new Metric("teatree_manager_snapshot_duration_seconds", Kind.HISTOGRAM, true),
            new Metric("teatree_manager_snapshot_bytes", Kind.HISTOGRAM, true),
            new Metric("teatree_manager_snapshots", Kind.COUNTER, true),
            new Metric("teatree_manager_lease_renewals", Kind.COUNTER, true),
            new Metric("teatree_manager_lease_losses", Kind.COUNTER, true),
            new Metric("teatree_dispatcher_manager_starts", Kind.COUNTER, false),
            new Metric("teatree_dispatcher_manager_stops", Kind.COUNTER, false),
            new Metric("teatree_dispatcher_manager_crashes", Kind.COUNTER, false),
            new Metric("teatree_dispatcher_pending_intents", Kind.GAUGE, true),
            new Metric("teatree_dispatcher_managers_running", Kind.GAUGE, false));

    private static final Pattern NAME = Pattern.compile("\\bteatree_[a-z0-9_]*[a-z0-9]\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode dashboard = read();

    @Test
    void itIsAGrafanaDashboardWithADatasourceAndAModelVariable() {
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
        assertThat(dashboard.path("schemaVersion").asInt()).as("Grafana 10 schema").isBetween(37, 41);
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));
        assertThat(variables).containsKeys("datasource", "model");
        JsonNode datasource = variables.get("datasource");
        assertThat(datasource.path("type").asText()).isEqualTo("datasource");
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
        JsonNode model = variables.get("model");
        assertThat(model.path("type").asText()).isEqualTo("query");
        assertThat(model.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
        assertThat(model.path("query").path("query").asText()).startsWith("label_values(").endsWith(", model)");
        assertThat(model.path("multi").asBoolean()).isTrue();
        assertThat(model.path("includeAll").asBoolean()).isTrue();
    }

    @Test
    void everyPanelQueriesTheDatasourceVariableAndPanelsDoNotOverlap() {
        List<JsonNode> panels = panels();
        assertThat(panels).isNotEmpty();
        Set<Integer> ids = new HashSet<>();
        List<int[]> areas = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id %s", panel.path("id")).isTrue();
            JsonNode grid = panel.path("gridPos");
            int x = grid.path("x").asInt(-1);
            int y = grid.path("y").asInt(-1);
            int w = grid.path("w").asInt(0);
            int h = grid.path("h").asInt(0);
            assertThat(x).as("x of %s", panel.path("title")).isBetween(0, 23);
            assertThat(y).isNotNegative();
            assertThat(w).isPositive();
            assertThat(h).isPositive();
            assertThat(x + w).as("width of %s", panel.path("title")).isLessThanOrEqualTo(24);
            for (int[] other : areas) {
                boolean overlap = x < other[0] + other[2] && other[0] < x + w && y < other[1] + other[3] && other[1] < y + h;
                assertThat(overlap).as("%s overlaps another panel", panel.path("title")).isFalse();
            }
            areas.add(new int[] {x, y, w, h});
        }
        for (JsonNode panel : panels) {
            assertThat(panel.path("type").asText()).as("type of %s", panel.path("title")).isIn("timeseries", "stat");
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.path("targets").isArray() && !panel.path("targets").isEmpty()).as("targets of %s", panel.path("title")).isTrue();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText()).as("expr in %s", panel.path("title")).isNotBlank();
                assertThat(refIds.add(target.path("refId").asText())).as("unique refId in %s", panel.path("title")).isTrue();
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            }
        }
    }

    @Test
    void itUsesEveryTeatreeMetricAndNoOther() {
        Map<String, Metric> allowed = new LinkedHashMap<>();
        for (Metric metric : METRICS) {
            metric.kind().suffixes.forEach(suffix -> allowed.put(metric.name() + suffix, metric));
        }
        Set<String> used = new TreeSet<>();
        Set<Metric> covered = new HashSet<>();
        for (String expr : expressions()) {
            Matcher m = NAME.matcher(expr);
            while (m.find()) {
                used.add(m.group());
                Metric metric = allowed.get(m.group());
                if (metric != null) {
                    covered.add(metric);
                    if (metric.byModel()) {
                        assertThat(expr).as("%s is filtered by the model variable", m.group()).contains("model=~\"$model\"");
                    }
                }
            }
        }
        assertThat(used).as("metric names the dashboard queries").isSubsetOf(allowed.keySet());
        assertThat(METRICS).as("metrics the dashboard shows").allMatch(covered::contains);
        assertThat(used).as("histograms are shown as quantiles of their buckets").contains("teatree_manager_batch_size_bucket",
                "teatree_manager_batch_apply_seconds_bucket", "teatree_manager_snapshot_duration_seconds_bucket",
                "teatree_manager_snapshot_bytes_bucket");
    }

    private List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                panel.path("panels").forEach(panels::add);
            } else {
                panels.add(panel);
            }
        }
        return panels;
    }

    private List<String> expressions() {
        List<String> exprs = new ArrayList<>();
        panels().forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        dashboard.path("templating").path("list").forEach(v -> exprs.add(v.path("query").path("query").asText()));
        return exprs;
    }

    private static JsonNode read() {
        try {
            return JSON.readTree(Files.readString(Chart.DIR.resolve("dashboards/teatree.json")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
