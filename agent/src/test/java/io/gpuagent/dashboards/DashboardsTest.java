package io.gpuagent.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuagent.deploy.ShippedNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the Grafana dashboards in {@code dashboards/} against the metrics the agent documents. */
class DashboardsTest {

    /** Maven runs tests in {@code agent/}; the dashboards live at the repository root. */
    static final Path ROOT = Path.of("..");
    static final Path DASHBOARDS = ROOT.resolve("dashboards");
    static final List<String> FILES = List.of("gpu-agent-cluster.json", "gpu-agent-node.json", "gpu-agent-workloads.json",
            "gpu-agent-cost.json");
    /** The template variables each dashboard must have, besides {@code datasource}. */
    static final Map<String, Set<String>> VARIABLES = Map.of(
            "gpu-agent-cluster.json", Set.of("node", "namespace"),
            "gpu-agent-node.json", Set.of("node", "gpu", "namespace", "pod"),
            "gpu-agent-workloads.json", Set.of("node", "namespace", "workload", "pod"),
            "gpu-agent-cost.json", Set.of("node", "namespace", "workload"));
    static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat", "table");
    static final String DS_REF = "${datasource}";

    static final Pattern INTERVAL = Pattern.compile("\\$\\{?__(?:rate_interval|interval|range)\\}?");
    static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]+\\}|\\$[A-Za-z_][A-Za-z0-9_]*");

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, JsonNode> dashboards = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException {
        for (String file : FILES) {
            dashboards.put(file, JSON.readTree(DASHBOARDS.resolve(file).toFile()));
        }
        assertThat(ShippedNames.documented()).contains("gpu_up", "gpu_allocation_info", "inference_up");
        assertThat(ShippedNames.records()).contains("node:gpu_utilization_ratio:avg");
    }

    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            out.add(panel);
            panel.path("panels").forEach(out::add); // collapsed rows, should there ever be any
        }
        return out;
    }

    static List<JsonNode> targets(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        panels(dashboard).forEach(p -> p.path("targets").forEach(out::add));
        return out;
    }

    static List<String> exprs() {
        List<String> out = new ArrayList<>();
        dashboards.values().forEach(d -> targets(d).forEach(t -> out.add(t.path("expr").asText())));
        return out;
    }

    @Test
    void schemaAndImportMetadata() {
        dashboards.forEach((file, d) -> {
            assertThat(d.path("schemaVersion").asInt()).as(file).isGreaterThanOrEqualTo(39);
            assertThat(d.path("uid").asText()).as(file).isNotBlank();
            assertThat(d.path("title").asText()).as(file).isNotBlank();
            JsonNode inputs = d.path("__inputs");
            assertThat(inputs.isArray() && !inputs.isEmpty()).as(file + " __inputs").isTrue();
            assertThat(inputs.get(0).path("name").asText()).isEqualTo("DS_PROMETHEUS");
            assertThat(inputs.get(0).path("type").asText()).isEqualTo("datasource");
            assertThat(inputs.get(0).path("pluginId").asText()).isEqualTo("prometheus");
            Set<String> requires = new HashSet<>();
            d.path("__requires").forEach(r -> requires.add(r.path("type").asText() + "/" + r.path("id").asText()));
            assertThat(requires).as(file + " __requires")
                    .contains("grafana/grafana", "datasource/prometheus", "panel/timeseries", "panel/stat", "panel/table");
        });
    }

    @Test
    void everyDashboardFileIsChecked() throws IOException {
        try (var files = Files.list(DASHBOARDS)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList())
                    .as("dashboards/*.json").isEqualTo(FILES.stream().sorted().toList());
        }
        assertThat(VARIABLES).containsOnlyKeys(FILES);
    }

    @Test
    void templateVariables() {
        Pattern labelValues = Pattern.compile("label_values\\((?:[a-z_:]+(?:\\{[^}]*\\})?,\\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\\)");
        dashboards.forEach((file, d) -> {
            Map<String, JsonNode> vars = new LinkedHashMap<>();
            d.path("templating").path("list").forEach(v -> vars.put(v.path("name").asText(), v));
            assertThat(vars).as(file).containsKey("datasource").containsKeys(VARIABLES.get(file).toArray(String[]::new));
            assertThat(vars.get("datasource").path("type").asText()).isEqualTo("datasource");
            assertThat(vars.get("datasource").path("query").asText()).isEqualTo("prometheus");
            assertThat(vars.get("node").path("definition").asText()).isEqualTo("label_values(gpu_info, node)");
            vars.values().stream().filter(v -> v.path("type").asText().equals("query")).forEach(v -> {
                String what = file + " $" + v.path("name").asText();
                assertThat(v.path("datasource").path("uid").asText()).as(what).isEqualTo(DS_REF);
                // a variable lists the values of the label it is named after
                Matcher m = labelValues.matcher(v.path("definition").asText());
                assertThat(m.matches()).as(what + " label_values(...)").isTrue();
                assertThat(m.group(1)).as(what + " label").isEqualTo(v.path("name").asText());
            });
            // every variable a panel uses is defined, and every defined one is used by some panel
            Set<String> used = new TreeSet<>();
            targets(d).forEach(t -> {
                Matcher v = VARIABLE.matcher(INTERVAL.matcher(t.path("expr").asText()).replaceAll("5m"));
                while (v.find()) {
                    used.add(v.group().replaceAll("[${}]", ""));
                }
            });
            vars.values().forEach(v -> {
                Matcher r = VARIABLE.matcher(v.path("definition").asText());
                while (r.find()) {
                    used.add(r.group().replaceAll("[${}]", ""));
                }
            });
            assertThat(vars.keySet()).as(file + " variables used in its queries").containsAll(used);
            Set<String> unused = new TreeSet<>(vars.keySet());
            unused.remove("datasource"); // used by every panel and target as ${datasource}
            unused.removeAll(used);
            assertThat(unused).as(file + " variables no query uses").isEmpty();
        });
    }

    @Test
    void panelsAreWellFormed() {
        dashboards.forEach((file, d) -> {
            List<JsonNode> panels = panels(d);
            assertThat(panels).as(file).isNotEmpty();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : panels) {
                String what = file + " panel " + p.path("title").asText();
                assertThat(p.path("type").asText()).as(what).isIn(PANEL_TYPES);
                assertThat(p.path("id").isInt()).as(what + " id").isTrue();
                assertThat(ids.add(p.path("id").asInt())).as(what + " unique id").isTrue();
                JsonNode grid = p.path("gridPos");
                for (String k : List.of("x", "y", "w", "h")) {
                    assertThat(grid.path(k).isInt()).as(what + " gridPos." + k).isTrue();
                }
                assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(what + " width").isLessThanOrEqualTo(24);
                assertThat(p.path("datasource").path("uid").asText()).as(what + " datasource").isEqualTo(DS_REF);
                assertThat(p.path("fieldConfig").path("defaults").path("unit").asText()).as(what + " unit").isNotBlank();
                assertThat(p.path("targets").isEmpty()).as(what + " has targets").isFalse();
                for (JsonNode t : p.path("targets")) {
                    assertThat(t.path("expr").asText()).as(what + " expr").isNotBlank();
                    assertThat(t.path("datasource").path("uid").asText()).as(what + " target datasource").isEqualTo(DS_REF);
                }
            }
        });
    }

    @Test
    void expectedUnitsAreUsed() {
        Set<String> units = new TreeSet<>();
        dashboards.values().forEach(d -> panels(d).forEach(p -> {
            units.add(p.path("fieldConfig").path("defaults").path("unit").asText());
            p.path("fieldConfig").path("overrides").forEach(o -> o.path("properties").forEach(prop -> {
                if (prop.path("id").asText().equals("unit")) {
                    units.add(prop.path("value").asText());
                }
            }));
        }));
        assertThat(units).contains("percentunit", "bytes", "watt", "celsius", "s");
    }

    @Test
    void everyMetricIsDocumentedOrRecorded() {
        Set<String> unknown = new TreeSet<>();
        for (String expr : exprs()) {
            unknown.addAll(ShippedNames.unknown(expr));
        }
        assertThat(unknown).as("metrics neither in docs/metrics.md nor recorded in the rules").isEmpty();
    }

    @Test
    void variablesAppearOnlyInRegexMatchers() {
        Pattern regexMatcher = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*\\s*=~\\s*\"[^\"]*\"");
        for (String expr : exprs()) {
            String rest = regexMatcher.matcher(INTERVAL.matcher(expr).replaceAll("5m")).replaceAll("x=~\"\"");
            assertThat(rest).as(expr).doesNotContain("$");
        }
    }

    @Test
    void everyExprIsValidPromQl() throws IOException, InterruptedException {
        List<String> exprs = exprs();
        assertThat(exprs).isNotEmpty();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            String expr = VARIABLE.matcher(INTERVAL.matcher(exprs.get(i)).replaceAll("5m")).replaceAll(".*");
            rules.append("      - record: dashboard_expr_").append(i).append('\n')
                    .append("        expr: ").append(JSON.writeValueAsString(expr)).append('\n');
        }
        Path file = Files.createTempFile("dashboards", ".rules.yaml");
        try {
            Files.writeString(file, rules.toString(), StandardCharsets.UTF_8);
            String binary = Files.isExecutable(Path.of("/usr/bin/promtool")) ? "/usr/bin/promtool" : "promtool";
            Process process = new ProcessBuilder(binary, "check", "rules", file.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
            assertThat(process.exitValue()).as(output + "\n" + rules).isZero();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
