package io.gpuagent.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every PromQL expression of the autoscaling recipes in {@code daemonset/autoscaling/}, ready to run
 * against a Prometheus: KEDA prometheus-trigger queries, KEDA metrics-api {@code valueLocation}
 * selectors (a series selector is PromQL too) and prometheus-adapter {@code seriesQuery} and
 * {@code metricsQuery}, with the adapter's Go-template placeholders substituted by {@link #SERIES},
 * {@link #LABEL_MATCHERS} and {@link #GROUP_BY}.
 *
 * <p>For an end-to-end test: deploy a serving pod {@code ml/llama-...} of Deployment {@code llama},
 * let Prometheus scrape the agent, then every {@link #all()} expression must return exactly one
 * sample (the KEDA queries also with no such pod, thanks to {@code or vector(0)}).
 */
public final class AutoscalingQueries {

    /** What prometheus-adapter puts for {@code <<.Series>>}: the series name the rule discovered. */
    public static final String SERIES = "inference_queued_requests";
    /** What it puts for {@code <<.LabelMatchers>>} when the HPA asks for the pods of {@code ml/llama}. */
    public static final String LABEL_MATCHERS = "namespace=\"ml\",pod=~\"llama-.*\"";
    /** What it puts for {@code <<.GroupBy>>}: the label of the resource asked for. */
    public static final String GROUP_BY = "pod";

    /** Maven runs tests in {@code agent/}; the recipes live at the repository root. */
    public static final Path DEFAULT_ROOT = Path.of("..");

    static final String DIR = "daemonset/autoscaling";
    static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());
    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** One expression: the file and place it comes from, and the PromQL. */
    public record Query(String file, String where, String expr) {}

    private AutoscalingQueries() {}

    /** Every recipe expression, placeholders substituted, read from {@code ../daemonset/autoscaling}. */
    public static List<String> all() {
        return all(DEFAULT_ROOT);
    }

    /** Every recipe expression, placeholders substituted, for a repository checked out at {@code root}. */
    public static List<String> all(Path root) {
        return queries(root).stream().map(Query::expr).toList();
    }

    /** Every recipe expression with where it comes from. */
    public static List<Query> queries(Path root) {
        List<Query> out = new ArrayList<>();
        Path dir = root.resolve(DIR);
        for (String file : List.of("keda-prometheus.yaml", "keda-metrics-api.yaml")) {
            for (JsonNode doc : documents(dir.resolve(file))) {
                if (!"ScaledObject".equals(doc.path("kind").asText())) {
                    continue;
                }
                JsonNode triggers = doc.path("spec").path("triggers");
                for (int i = 0; i < triggers.size(); i++) {
                    JsonNode trigger = triggers.get(i);
                    String where = "triggers[" + i + "] " + trigger.path("name").asText(trigger.path("type").asText());
                    switch (trigger.path("type").asText()) {
                        case "prometheus" -> out.add(new Query(file, where + " query",
                                trigger.path("metadata").path("query").asText()));
                        case "metrics-api" -> {
                            if ("prometheus".equals(trigger.path("metadata").path("format").asText())) {
                                out.add(new Query(file, where + " valueLocation",
                                        trigger.path("metadata").path("valueLocation").asText()));
                            }
                        }
                        default -> { }
                    }
                }
            }
        }
        for (JsonNode doc : documents(dir.resolve("prometheus-adapter.yaml"))) {
            if (!"ConfigMap".equals(doc.path("kind").asText())) {
                continue;
            }
            for (Map.Entry<String, JsonNode> data : doc.path("data").properties()) {
                JsonNode config = readTree(data.getValue().asText());
                for (String section : List.of("rules", "externalRules")) {
                    JsonNode rules = config.path(section);
                    for (int i = 0; i < rules.size(); i++) {
                        String where = data.getKey() + " " + section + "[" + i + "]";
                        JsonNode rule = rules.get(i);
                        out.add(new Query("prometheus-adapter.yaml", where + " seriesQuery",
                                rule.path("seriesQuery").asText()));
                        out.add(new Query("prometheus-adapter.yaml", where + " metricsQuery",
                                substitute(rule.path("metricsQuery").asText())));
                    }
                }
            }
        }
        return out;
    }

    /** prometheus-adapter's metricsQuery template with plausible values for its placeholders. */
    public static String substitute(String template) {
        String expr = template
                .replace("<<.Series>>", SERIES)
                .replace("<<.LabelMatchers>>", LABEL_MATCHERS)
                .replace("<<.GroupBy>>", GROUP_BY);
        if (expr.contains("<<") || expr.contains(">>")) {
            throw new IllegalArgumentException("unknown placeholder left in " + template);
        }
        return expr;
    }

    /** Every YAML document of a file (empty documents skipped). */
    public static List<JsonNode> documents(Path file) {
        try {
            List<JsonNode> docs = new ArrayList<>();
            try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file))) {
                while (values.hasNext()) {
                    JsonNode doc = values.next();
                    if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                        docs.add(doc);
                    }
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    static JsonNode readTree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
