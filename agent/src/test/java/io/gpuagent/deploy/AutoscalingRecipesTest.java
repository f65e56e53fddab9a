package io.gpuagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the autoscaling recipes in {@code daemonset/autoscaling/} (explained in docs/autoscaling.md):
 * the HPA and the prometheus-adapter ConfigMap against fabric8's typed Kubernetes model with unknown
 * fields rejected, the KEDA ScaledObjects against allow-lists taken from KEDA's documentation and
 * source, every PromQL expression with promtool, and every metric name against docs/metrics.md and
 * the recording rules.
 */
class AutoscalingRecipesTest {

    static final Path ROOT = AutoscalingQueries.DEFAULT_ROOT;
    static final Path DIR = ROOT.resolve(AutoscalingQueries.DIR);
    static final Set<String> FILES = Set.of(
            "keda-prometheus.yaml", "keda-metrics-api.yaml", "prometheus-adapter.yaml", "hpa.yaml");

    static final String NAMESPACE = "ml";
    static final String DEPLOYMENT = "llama";

    // ---- KEDA allow-lists ----
    // ScaledObjectSpec, ScaleTarget, Fallback, AdvancedConfig, HorizontalPodAutoscalerConfig and
    // ScaleTriggers json names: https://keda.sh/docs/2.20/reference/scaledobject-spec/ and
    // apis/keda/v1alpha1/scaledobject_types.go, scaletriggers_types.go in kedacore/keda.

    static final Set<String> SCALED_OBJECT = Set.of("apiVersion", "kind", "metadata", "spec");
    static final Set<String> SPEC = Set.of("scaleTargetRef", "pollingInterval", "cooldownPeriod",
            "initialCooldownPeriod", "idleReplicaCount", "minReplicaCount", "maxReplicaCount", "fallback",
            "advanced", "triggers");
    static final Set<String> SPEC_INTEGERS = Set.of("pollingInterval", "cooldownPeriod",
            "initialCooldownPeriod", "idleReplicaCount", "minReplicaCount", "maxReplicaCount");
    static final Set<String> SCALE_TARGET_REF = Set.of("apiVersion", "kind", "name", "envSourceContainerName");
    static final Set<String> FALLBACK = Set.of("failureThreshold", "replicas", "behavior");
    static final Set<String> FALLBACK_BEHAVIORS = Set.of("static", "currentReplicas",
            "currentReplicasIfHigher", "currentReplicasIfLower", "scalingModifiers");
    static final Set<String> ADVANCED = Set.of("restoreToOriginalReplicaCount",
            "horizontalPodAutoscalerConfig", "scalingModifiers");
    static final Set<String> HPA_CONFIG = Set.of("name", "behavior");
    static final Set<String> SCALING_MODIFIERS = Set.of("formula", "target", "activationTarget", "metricType");
    static final Set<String> TRIGGER = Set.of("type", "name", "metadata", "useCachedMetrics",
            "authenticationRef", "metricType");
    static final Set<String> METRIC_TYPES = Set.of("AverageValue", "Value");

    /** prometheus scaler: https://keda.sh/docs/2.20/scalers/prometheus/ (pkg/scalers/prometheus_scaler.go). */
    static final Set<String> PROMETHEUS_METADATA = Set.of("serverAddress", "query", "queryParameters",
            "threshold", "activationThreshold", "namespace", "customHeaders", "ignoreNullValues", "unsafeSsl",
            "awsRegion", "timeout", "identityOwner", "authModes");
    static final Set<String> PROMETHEUS_REQUIRED = Set.of("serverAddress", "query", "threshold");
    static final Set<String> PROMETHEUS_NUMBERS = Set.of("threshold", "activationThreshold");

    /** metrics-api scaler: https://keda.sh/docs/2.20/scalers/metrics-api/ (pkg/scalers/metrics_api_scaler.go). */
    static final Set<String> METRICS_API_METADATA = Set.of("url", "format", "valueLocation", "targetValue",
            "activationTargetValue", "unsafeSsl", "aggregateFromKubeServiceEndpoints", "aggregationType",
            "timeout", "authMode", "method", "keyParamName");
    static final Set<String> METRICS_API_REQUIRED = Set.of("url", "valueLocation", "targetValue");
    static final Set<String> METRICS_API_NUMBERS = Set.of("targetValue", "activationTargetValue");
    static final Set<String> FORMATS = Set.of("json", "xml", "yaml", "prometheus");
    static final Set<String> AGGREGATIONS = Set.of("average", "sum", "max", "min");
    static final Set<String> BOOLEANS = Set.of("true", "false");

    // ---- prometheus-adapter allow-lists (docs/config.md of kubernetes-sigs/prometheus-adapter) ----

    static final Set<String> ADAPTER_CONFIG = Set.of("rules", "resourceRules", "externalRules");
    static final Set<String> ADAPTER_RULE = Set.of("seriesQuery", "seriesFilters", "resources", "name",
            "metricsQuery");
    static final Set<String> ADAPTER_RESOURCES = Set.of("overrides", "template", "namespaced");
    static final Set<String> ADAPTER_NAME = Set.of("matches", "as");

    /** The labels gpu-agent puts on its serving signals (docs/metrics.md). */
    static final Set<String> SERVING_LABELS = Set.of("namespace", "pod", "workload", "workload_kind", "server",
            "model");

    /** A metrics-api valueLocation for format prometheus: name{label="value",...}, equality only. */
    static final Pattern SELECTOR = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*=\\s*\"[^\"]*\"\\s*,?)*)})?");
    static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");

    static final KubernetesSerialization KUBE = new KubernetesSerialization();

    /** Every document of every recipe file, keyed by "file#index". */
    static final Map<String, JsonNode> documents = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException {
        for (String file : FILES) {
            List<JsonNode> docs = AutoscalingQueries.documents(DIR.resolve(file));
            for (int i = 0; i < docs.size(); i++) {
                documents.put(file + "#" + i, docs.get(i));
            }
        }
        assertThat(ShippedNames.documented()).contains("inference_queued_requests", "inference_queue_wait_seconds");
        assertThat(ShippedNames.records()).contains("namespace_workload:inference_queued_requests:sum");
    }

    // ---- files ----

    @Test
    void directoryHoldsExactlyTheRecipes() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .containsExactlyInAnyOrderElementsOf(FILES);
        }
    }

    @Test
    void everyDocumentParsesAndIsAnObject() {
        for (String file : FILES) {
            assertThat(documents.keySet()).as(file).anyMatch(k -> k.startsWith(file + "#"));
        }
        documents.forEach((key, doc) -> {
            assertThat(doc.isObject()).as(key).isTrue();
            assertThat(doc.path("apiVersion").asText()).as(key + " apiVersion").isNotBlank();
            assertThat(doc.path("kind").asText()).as(key + " kind").isNotBlank();
            assertThat(doc.path("metadata").path("name").asText()).as(key + " name").isNotBlank();
            assertThat(doc.path("metadata").path("namespace").asText()).as(key + " namespace").isNotBlank();
        });
    }

    @Test
    void docsExplainEveryRecipe() throws IOException {
        String docs = Files.readString(ROOT.resolve("docs/autoscaling.md"));
        assertThat(docs).contains(FILES).contains("or vector(0)", "aggregateFromKubeServiceEndpoints",
                "stabilizationWindowSeconds", "activationThreshold");
    }

    // ---- HorizontalPodAutoscaler ----

    @Test
    void hpaIsAStrictlyTypedAutoscalingV2Object() {
        HorizontalPodAutoscaler hpa = strictly(only("hpa.yaml", "HorizontalPodAutoscaler"),
                HorizontalPodAutoscaler.class);
        assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(hpa.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        var spec = hpa.getSpec();
        assertThat(spec.getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        assertThat(spec.getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(spec.getScaleTargetRef().getName()).isEqualTo(DEPLOYMENT);
        assertThat(spec.getMinReplicas()).isGreaterThanOrEqualTo(1);
        assertThat(spec.getMaxReplicas()).isGreaterThan(spec.getMinReplicas());

        assertThat(spec.getMetrics()).hasSize(1);
        MetricSpec metric = spec.getMetrics().get(0);
        assertThat(metric.getType()).isEqualTo("Pods");
        assertThat(metric.getPods().getMetric().getName()).isEqualTo(adapterMetricName());
        assertThat(metric.getPods().getTarget().getType()).isEqualTo("AverageValue");
        assertThat(metric.getPods().getTarget().getAverageValue().getNumericalAmount()).isPositive();

        assertFastUpSlowDown(spec.getBehavior(), "hpa.yaml");
    }

    // ---- prometheus-adapter ----

    @Test
    void adapterConfigMapIsTypedAndItsConfigHasTheExpectedRule() {
        ConfigMap configMap = strictly(only("prometheus-adapter.yaml", "ConfigMap"), ConfigMap.class);
        assertThat(configMap.getData()).containsOnlyKeys("config.yaml");
        JsonNode config = AutoscalingQueries.readTree(configMap.getData().get("config.yaml"));
        assertThat(keys(config)).isSubsetOf(ADAPTER_CONFIG).contains("rules");

        JsonNode rules = config.path("rules");
        assertThat(rules.isArray() && !rules.isEmpty()).as("rules").isTrue();
        for (JsonNode rule : rules) {
            assertThat(keys(rule)).isSubsetOf(ADAPTER_RULE)
                    .contains("seriesQuery", "resources", "name", "metricsQuery");
            assertThat(keys(rule.path("resources"))).isSubsetOf(ADAPTER_RESOURCES);
            assertThat(keys(rule.path("name"))).isSubsetOf(ADAPTER_NAME);
            assertThat(rule.path("metricsQuery").asText())
                    .contains("<<.Series>>", "<<.LabelMatchers>>", "<<.GroupBy>>");
        }
        JsonNode rule = rules.get(0);
        assertThat(rule.path("seriesQuery").asText()).startsWith("inference_queued_requests{");
        JsonNode overrides = rule.path("resources").path("overrides");
        assertThat(overrides.path("namespace").path("resource").asText()).isEqualTo("namespace");
        assertThat(overrides.path("pod").path("resource").asText()).isEqualTo("pod");
        assertThat(keys(overrides)).containsExactlyInAnyOrder("namespace", "pod");
        assertThat("inference_queued_requests").matches(rule.path("name").path("matches").asText());
        assertThat(adapterMetricName()).isEqualTo("inference_queued_requests");
    }

    // ---- KEDA ScaledObjects ----

    @Test
    void scaledObjectsUseOnlyDocumentedKedaFields() {
        List<String> seen = new ArrayList<>();
        documents.forEach((key, doc) -> {
            if ("ScaledObject".equals(doc.path("kind").asText())) {
                seen.add(key);
                assertThat(scaledObjectProblems(doc)).as(key).isEmpty();
            }
        });
        assertThat(seen).hasSize(2);
    }

    @Test
    void prometheusRecipeHasQueueDepthGuardrailAndScaleFromZero() {
        JsonNode spec = only("keda-prometheus.yaml", "ScaledObject").path("spec");
        assertThat(spec.path("minReplicaCount").asInt(-1)).isZero();
        assertThat(spec.path("cooldownPeriod").asInt()).isGreaterThanOrEqualTo(300);
        Map<String, JsonNode> triggers = triggersByName(spec);
        assertThat(triggers).containsKeys("queue-depth", "queue-wait");
        triggers.values().forEach(t -> assertThat(t.path("type").asText()).isEqualTo("prometheus"));

        JsonNode depth = triggers.get("queue-depth");
        assertThat(depth.path("metricType").asText("AverageValue")).isEqualTo("AverageValue");
        assertThat(depth.path("metadata").path("query").asText()).contains("inference_queued_requests")
                .contains("namespace=\"" + NAMESPACE + "\"", "workload=\"" + DEPLOYMENT + "\"");
        assertThat(depth.path("metadata").has("activationThreshold")).isTrue();

        JsonNode wait = triggers.get("queue-wait");
        assertThat(wait.path("metricType").asText()).isEqualTo("Value");
        assertThat(wait.path("metadata").path("query").asText()).contains("inference_queue_wait_seconds");

        // With no pod there is no series: every query must still answer a number.
        triggers.forEach((name, t) -> assertThat(t.path("metadata").path("query").asText())
                .as(name).endsWith("or vector(0)"));
        assertFastUpSlowDown(kedaBehavior(spec), "keda-prometheus.yaml");
    }

    @Test
    void metricsApiRecipeReadsTheAgentsThroughTheBaseService() throws IOException {
        JsonNode spec = only("keda-metrics-api.yaml", "ScaledObject").path("spec");
        JsonNode service = AutoscalingQueries.documents(ROOT.resolve("daemonset/base/service.yaml")).get(0);
        String serviceName = service.path("metadata").path("name").asText();
        String serviceNamespace = service.path("metadata").path("namespace").asText();
        int port = -1;
        for (JsonNode p : service.path("spec").path("ports")) {
            if ("metrics".equals(p.path("name").asText())) {
                port = p.path("port").asInt();
            }
        }
        assertThat(port).isPositive();

        Map<String, JsonNode> triggers = triggersByName(spec);
        assertThat(triggers).containsKey("queue-depth");
        for (JsonNode trigger : triggers.values()) {
            assertThat(trigger.path("type").asText()).isEqualTo("metrics-api");
            JsonNode metadata = trigger.path("metadata");
            assertThat(metadata.path("format").asText()).isEqualTo("prometheus");
            URI url = URI.create(metadata.path("url").asText());
            // KEDA takes the service name and namespace from the first two labels of the host.
            assertThat(url.getHost()).startsWith(serviceName + "." + serviceNamespace + ".");
            assertThat(url.getPort()).isEqualTo(port);
            assertThat(url.getPath()).isEqualTo("/metrics");
            assertThat(metadata.path("aggregateFromKubeServiceEndpoints").asText()).isEqualTo("true");
            assertThat(metadata.path("aggregationType").asText()).isEqualTo("sum");
            Map<String, String> labels = selectorLabels(metadata.path("valueLocation").asText());
            assertThat(labels).containsEntry("namespace", NAMESPACE).containsEntry("workload", DEPLOYMENT);
        }
        assertThat(triggers.get("queue-depth").path("metadata").path("valueLocation").asText())
                .startsWith("inference_queued_requests{");
        assertFastUpSlowDown(kedaBehavior(spec), "keda-metrics-api.yaml");
    }

    // ---- PromQL ----

    @Test
    void everyQueryIsValidPromQl() throws Exception {
        List<AutoscalingQueries.Query> queries = AutoscalingQueries.queries(ROOT);
        // 3 prometheus triggers, 2 metrics-api selectors, seriesQuery + metricsQuery.
        assertThat(queries).hasSizeGreaterThanOrEqualTo(7);
        assertThat(queries).allSatisfy(q -> assertThat(q.expr()).as(q.file() + " " + q.where()).isNotBlank());
        PromtoolResult result = promtoolCheck(AutoscalingQueries.all());
        assertThat(result.exitCode()).as(result.output() + "\n" + result.rules()).isZero();
    }

    /**
     * Runs the KEDA prometheus queries in promtool's rule-test engine: with no pod of the workload they
     * answer 0 (not nothing), and with two pods of it (plus one of another workload) the sum or max.
     */
    @Test
    void kedaQueriesAnswerZeroWithoutPodsAndAggregateTheWorkloadsPods() throws Exception {
        Map<String, Double> expected = Map.of("queue-depth", 8.0, "queue-wait", 1.5, "in-flight", 40.0);
        Map<String, JsonNode> triggers = triggersByName(only("keda-prometheus.yaml", "ScaledObject").path("spec"));
        assertThat(triggers.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        StringBuilder test = new StringBuilder("""
                rule_files: [empty.rules.yaml]
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'inference_up{namespace="ml",workload="other",pod="other-0"}'
                        values: '1x10'
                      - series: 'inference_queued_requests{namespace="ml",workload="other",pod="other-0"}'
                        values: '100x10'
                    promql_expr_test:
                """);
        StringBuilder withPods = new StringBuilder("""
                  - interval: 1m
                    input_series:
                      - series: 'inference_queued_requests{namespace="ml",workload="llama",pod="llama-a"}'
                        values: '3x10'
                      - series: 'inference_queued_requests{namespace="ml",workload="llama",pod="llama-b"}'
                        values: '5x10'
                      - series: 'inference_queued_requests{namespace="ml",workload="other",pod="other-0"}'
                        values: '100x10'
                      - series: 'inference_queue_wait_seconds{namespace="ml",workload="llama",pod="llama-a"}'
                        values: '0.5x10'
                      - series: 'inference_queue_wait_seconds{namespace="ml",workload="llama",pod="llama-b"}'
                        values: '1.5x10'
                      - series: 'inference_queue_wait_seconds{namespace="ml",workload="other",pod="other-0"}'
                        values: '30x10'
                      - series: 'inference_running_requests{namespace="ml",workload="llama",pod="llama-a"}'
                        values: '16x10'
                      - series: 'inference_running_requests{namespace="ml",workload="llama",pod="llama-b"}'
                        values: '24x10'
                    promql_expr_test:
                """);
        for (Map.Entry<String, JsonNode> trigger : triggers.entrySet()) {
            String query = AutoscalingQueries.JSON.writeValueAsString(
                    trigger.getValue().path("metadata").path("query").asText());
            test.append(exprTest(query, 0));
            withPods.append(exprTest(query, expected.get(trigger.getKey())));
        }
        Path dir = Files.createTempDirectory("autoscaling-test");
        try {
            Files.writeString(dir.resolve("empty.rules.yaml"), "groups: []\n");
            Files.writeString(dir.resolve("test.yaml"), test.append(withPods).toString());
            ProcessResult result = run(dir, promtool(), "test", "rules", "test.yaml");
            assertThat(result.exitCode()).as(result.output() + "\n" + test).isZero();
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    static String exprTest(String jsonQuotedExpr, double value) {
        return "      - expr: " + jsonQuotedExpr + "\n"
                + "        eval_time: 5m\n"
                + "        exp_samples:\n"
                + "          - labels: '{}'\n"
                + "            value: " + value + "\n";
    }

    @Test
    void everyMetricIsDocumentedOrRecorded() {
        for (AutoscalingQueries.Query q : AutoscalingQueries.queries(ROOT)) {
            assertThat(ShippedNames.names(q.expr())).as(q.file() + " " + q.where() + " names a metric").isNotEmpty();
            assertThat(unknownNames(q.expr()))
                    .as(q.file() + " " + q.where() + ": metrics neither in docs/metrics.md nor recorded")
                    .isEmpty();
        }
    }

    @Test
    void metricsApiSelectorsUseOnlyServingLabels() {
        AutoscalingQueries.queries(ROOT).stream().filter(q -> q.where().endsWith("valueLocation")).forEach(q ->
                assertThat(selectorLabels(q.expr()).keySet()).as(q.where()).isSubsetOf(SERVING_LABELS));
    }

    // ---- the checks fail when they should ----

    @Test
    void checksRejectBrokenInput() throws Exception {
        // promtool: an unclosed selector and an unknown function.
        assertThat(promtoolCheck(List.of("sum(inference_queued_requests{namespace=\"ml\")")).exitCode()).isNotZero();
        assertThat(promtoolCheck(List.of("summ(inference_queued_requests)")).exitCode()).isNotZero();
        // The adapter substitution leaves no placeholder behind, and refuses one it does not know.
        assertThatThrownBy(() -> AutoscalingQueries.substitute("sum(<<.Series>>{<<.Labels>>})"))
                .isInstanceOf(IllegalArgumentException.class);

        // HPA: an unknown field, even deep down, and a misspelled one.
        ObjectNode hpa = only("hpa.yaml", "HorizontalPodAutoscaler").deepCopy();
        ((ObjectNode) hpa.path("spec").path("metrics").get(0).path("pods").path("target")).put("averageValu", "8");
        assertThatThrownBy(() -> strictly(hpa, HorizontalPodAutoscaler.class))
                .isInstanceOf(AssertionError.class).hasMessageContaining("averageValu");
        ObjectNode hpa2 = only("hpa.yaml", "HorizontalPodAutoscaler").deepCopy();
        ((ObjectNode) hpa2.path("spec")).put("minReplica", 1);
        assertThatThrownBy(() -> strictly(hpa2, HorizontalPodAutoscaler.class))
                .isInstanceOf(AssertionError.class).hasMessageContaining("minReplica");

        // ScaledObject: unknown spec field, unknown trigger key, non-numeric and non-string thresholds,
        // unknown trigger type, wrong target.
        ObjectNode so = only("keda-prometheus.yaml", "ScaledObject").deepCopy();
        ((ObjectNode) so.path("spec")).put("cooldownPeriods", 300);
        ObjectNode metadata = (ObjectNode) so.path("spec").path("triggers").get(0).path("metadata");
        metadata.put("activationThresold", "0");
        metadata.put("threshold", "eight");
        ((ObjectNode) so.path("spec").path("triggers").get(1).path("metadata")).put("activationThreshold", 2);
        ((ObjectNode) so.path("spec").path("triggers").get(2)).put("type", "prometheuss");
        ((ObjectNode) so.path("spec").path("scaleTargetRef")).put("name", "other");
        ((ObjectNode) so.path("spec").path("advanced").path("horizontalPodAutoscalerConfig").path("behavior")
                .path("scaleDown")).put("stabilisationWindowSeconds", 600);
        List<String> problems = scaledObjectProblems(so);
        assertThat(String.join("\n", problems)).contains("cooldownPeriods", "activationThresold", "eight",
                "activationThreshold", "prometheuss", "other", "stabilisationWindowSeconds");

        ObjectNode api = only("keda-metrics-api.yaml", "ScaledObject").deepCopy();
        ObjectNode apiMetadata = (ObjectNode) api.path("spec").path("triggers").get(0).path("metadata");
        apiMetadata.put("format", "openmetrics");
        apiMetadata.put("aggregationType", "median");
        ((ObjectNode) api.path("spec").path("triggers").get(1).path("metadata"))
                .put("valueLocation", "inference_running_requests{workload=~\"llama.*\"}");
        assertThat(String.join("\n", scaledObjectProblems(api)))
                .contains("openmetrics", "median", "valueLocation is not", "workload=~");

        // Metric names: an undocumented family and an unrecorded rule.
        assertThat(unknownNames("sum(inference_queue_depth{workload=\"llama\"}) or vector(0)"))
                .containsExactly("inference_queue_depth");
        assertThat(unknownNames("namespace_workload:inference_queued_requests:max{server=\"gpu_up\"}"))
                .containsExactly("namespace_workload:inference_queued_requests:max");
    }

    // ---- checks ----

    /** Every way this ScaledObject departs from KEDA's schema or from what the recipes promise. */
    static List<String> scaledObjectProblems(JsonNode so) {
        List<String> problems = new ArrayList<>();
        unknownKeys(so, SCALED_OBJECT, "", problems);
        if (!"keda.sh/v1alpha1".equals(so.path("apiVersion").asText())) {
            problems.add("apiVersion " + so.path("apiVersion"));
        }
        if (!NAMESPACE.equals(so.path("metadata").path("namespace").asText())) {
            problems.add("namespace " + so.path("metadata").path("namespace"));
        }
        JsonNode spec = so.path("spec");
        unknownKeys(spec, SPEC, "spec", problems);
        for (String field : SPEC_INTEGERS) {
            if (spec.has(field) && !(spec.get(field).isInt() && spec.get(field).asInt() >= 0)) {
                problems.add("spec." + field + " is not a non-negative integer: " + spec.get(field));
            }
        }
        if (spec.path("minReplicaCount").asInt(0) > spec.path("maxReplicaCount").asInt(100)) {
            problems.add("minReplicaCount > maxReplicaCount");
        }

        JsonNode target = spec.path("scaleTargetRef");
        unknownKeys(target, SCALE_TARGET_REF, "spec.scaleTargetRef", problems);
        if (!DEPLOYMENT.equals(target.path("name").asText())
                || !"Deployment".equals(target.path("kind").asText("Deployment"))
                || !"apps/v1".equals(target.path("apiVersion").asText("apps/v1"))) {
            problems.add("spec.scaleTargetRef does not name Deployment " + DEPLOYMENT + ": " + target);
        }

        if (spec.has("fallback")) {
            JsonNode fallback = spec.path("fallback");
            unknownKeys(fallback, FALLBACK, "spec.fallback", problems);
            if (!fallback.path("failureThreshold").isInt() || !fallback.path("replicas").isInt()) {
                problems.add("spec.fallback needs integer failureThreshold and replicas");
            }
            if (fallback.has("behavior") && !FALLBACK_BEHAVIORS.contains(fallback.path("behavior").asText())) {
                problems.add("spec.fallback.behavior " + fallback.path("behavior"));
            }
        }
        if (spec.has("advanced")) {
            JsonNode advanced = spec.path("advanced");
            unknownKeys(advanced, ADVANCED, "spec.advanced", problems);
            unknownKeys(advanced.path("scalingModifiers"), SCALING_MODIFIERS, "spec.advanced.scalingModifiers",
                    problems);
            JsonNode hpaConfig = advanced.path("horizontalPodAutoscalerConfig");
            unknownKeys(hpaConfig, HPA_CONFIG, "spec.advanced.horizontalPodAutoscalerConfig", problems);
            if (hpaConfig.has("behavior")) {
                // KEDA copies it into its HPA: it is Kubernetes' HorizontalPodAutoscalerBehavior.
                try {
                    strictly(hpaConfig.get("behavior"), HorizontalPodAutoscalerBehavior.class);
                } catch (AssertionError | IllegalArgumentException e) {
                    problems.add("spec.advanced.horizontalPodAutoscalerConfig.behavior: " + e.getMessage());
                }
            }
        }

        JsonNode triggers = spec.path("triggers");
        if (!triggers.isArray() || triggers.isEmpty()) {
            problems.add("spec.triggers is empty");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < triggers.size(); i++) {
            JsonNode trigger = triggers.get(i);
            String where = "spec.triggers[" + i + "]";
            unknownKeys(trigger, TRIGGER, where, problems);
            if (trigger.has("name") && !names.add(trigger.path("name").asText())) {
                problems.add(where + " duplicate name " + trigger.path("name"));
            }
            if (trigger.has("metricType") && !METRIC_TYPES.contains(trigger.path("metricType").asText())) {
                problems.add(where + ".metricType " + trigger.path("metricType"));
            }
            JsonNode metadata = trigger.path("metadata");
            // ScaleTriggers.metadata is map[string]string: the API server rejects anything else.
            metadata.properties().forEach(e -> {
                if (!e.getValue().isTextual()) {
                    problems.add(where + ".metadata." + e.getKey() + " is not a string: " + e.getValue());
                }
            });
            switch (trigger.path("type").asText()) {
                case "prometheus" -> {
                    checkMetadata(metadata, PROMETHEUS_METADATA, PROMETHEUS_REQUIRED, PROMETHEUS_NUMBERS, where,
                            problems);
                    for (String flag : List.of("ignoreNullValues", "unsafeSsl")) {
                        if (metadata.has(flag) && !BOOLEANS.contains(metadata.path(flag).asText())) {
                            problems.add(where + ".metadata." + flag + " " + metadata.path(flag));
                        }
                    }
                }
                case "metrics-api" -> {
                    checkMetadata(metadata, METRICS_API_METADATA, METRICS_API_REQUIRED, METRICS_API_NUMBERS, where,
                            problems);
                    String format = metadata.path("format").asText("json");
                    if (!FORMATS.contains(format)) {
                        problems.add(where + ".metadata.format " + format);
                    }
                    if (metadata.has("aggregationType")
                            && !AGGREGATIONS.contains(metadata.path("aggregationType").asText())) {
                        problems.add(where + ".metadata.aggregationType " + metadata.path("aggregationType"));
                    }
                    for (String flag : List.of("aggregateFromKubeServiceEndpoints", "unsafeSsl")) {
                        if (metadata.has(flag) && !BOOLEANS.contains(metadata.path(flag).asText())) {
                            problems.add(where + ".metadata." + flag + " " + metadata.path(flag));
                        }
                    }
                    if ("prometheus".equals(format)
                            && !SELECTOR.matcher(metadata.path("valueLocation").asText()).matches()) {
                        problems.add(where + ".metadata.valueLocation is not name{label=\"value\",...} (KEDA "
                                + "matches labels by equality only, no =~ or !=): " + metadata.path("valueLocation"));
                    }
                }
                default -> problems.add(where + ".type " + trigger.path("type") + " is not prometheus or metrics-api");
            }
        }
        return problems;
    }

    static void checkMetadata(JsonNode metadata, Set<String> allowed, Set<String> required, Set<String> numbers,
            String where, List<String> problems) {
        unknownKeys(metadata, allowed, where + ".metadata", problems);
        for (String key : required) {
            if (metadata.path(key).asText().isBlank()) {
                problems.add(where + ".metadata." + key + " is missing");
            }
        }
        for (String key : numbers) {
            if (metadata.has(key)) {
                String value = metadata.path(key).asText();
                try {
                    if (new BigDecimal(value).signum() < 0) {
                        problems.add(where + ".metadata." + key + " is negative: " + value);
                    }
                } catch (NumberFormatException e) {
                    problems.add(where + ".metadata." + key + " is not a number: " + value);
                }
            }
        }
    }

    static void unknownKeys(JsonNode node, Set<String> allowed, String where, List<String> problems) {
        if (node.isMissingNode()) {
            return;
        }
        if (!node.isObject()) {
            problems.add(where + " is not a mapping");
            return;
        }
        for (String key : keys(node)) {
            if (!allowed.contains(key)) {
                problems.add((where.isEmpty() ? "" : where + ".") + key + " is not a known field");
            }
        }
    }

    static void assertFastUpSlowDown(HorizontalPodAutoscalerBehavior behavior, String what) {
        assertThat(behavior).as(what + " behavior").isNotNull();
        HPAScalingRules up = behavior.getScaleUp();
        HPAScalingRules down = behavior.getScaleDown();
        assertThat(up.getStabilizationWindowSeconds()).as(what + " scaleUp window").isZero();
        assertThat(up.getPolicies()).as(what + " scaleUp policies").isNotEmpty();
        assertThat(down.getStabilizationWindowSeconds()).as(what + " scaleDown window").isBetween(300, 1800);
        assertThat(down.getPolicies()).as(what + " scaleDown policies").isNotEmpty()
                .allSatisfy(p -> assertThat(p.getPeriodSeconds()).isGreaterThanOrEqualTo(60));
        assertThat(down.getPolicies()).as(what + " small percent policy").anySatisfy(p -> {
            assertThat(p.getType()).isEqualTo("Percent");
            assertThat(p.getValue()).isBetween(1, 25);
        });
        for (HPAScalingPolicy p : down.getPolicies()) {
            if ("Pods".equals(p.getType())) {
                assertThat(p.getValue()).as(what + " scaleDown Pods policy").isLessThanOrEqualTo(2);
            }
        }
    }

    static HorizontalPodAutoscalerBehavior kedaBehavior(JsonNode spec) {
        return strictly(spec.path("advanced").path("horizontalPodAutoscalerConfig").path("behavior"),
                HorizontalPodAutoscalerBehavior.class);
    }

    static Map<String, JsonNode> triggersByName(JsonNode spec) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        spec.path("triggers").forEach(t -> out.put(t.path("name").asText(), t));
        return out;
    }

    static String adapterMetricName() {
        ConfigMap configMap = strictly(only("prometheus-adapter.yaml", "ConfigMap"), ConfigMap.class);
        JsonNode rule = AutoscalingQueries.readTree(configMap.getData().get("config.yaml")).path("rules").get(0);
        return rule.path("name").path("as").asText();
    }

    /** The label pairs of a metrics-api valueLocation; fails for anything but name{label="value",...}. */
    static Map<String, String> selectorLabels(String selector) {
        Matcher m = SELECTOR.matcher(selector);
        assertThat(m.matches()).as(selector).isTrue();
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(2) != null) {
            Matcher pair = MATCHER.matcher(m.group(2));
            while (pair.find()) {
                labels.put(pair.group(1), pair.group(2));
            }
        }
        return labels;
    }

    static Set<String> unknownNames(String expr) {
        return ShippedNames.unknown(expr);
    }

    // ---- promtool ----

    record PromtoolResult(int exitCode, String output, String rules) {}

    record ProcessResult(int exitCode, String output) {}

    static String promtool() {
        return Files.isExecutable(Path.of("/usr/bin/promtool")) ? "/usr/bin/promtool" : "promtool";
    }

    /** promtool check rules on a generated rules file recording every expression (as DashboardsTest does). */
    static PromtoolResult promtoolCheck(List<String> exprs) throws IOException, InterruptedException {
        StringBuilder rules = new StringBuilder("groups:\n  - name: autoscaling\n    rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            rules.append("      - record: autoscaling_expr_").append(i).append('\n')
                    .append("        expr: ").append(AutoscalingQueries.JSON.writeValueAsString(exprs.get(i)))
                    .append('\n');
        }
        Path file = Files.createTempFile("autoscaling", ".rules.yaml");
        try {
            Files.writeString(file, rules.toString(), StandardCharsets.UTF_8);
            ProcessResult result = run(file.getParent(), promtool(), "check", "rules", file.toAbsolutePath().toString());
            return new PromtoolResult(result.exitCode(), result.output(), rules.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static ProcessResult run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        // Read before waiting so that a full pipe cannot block promtool.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new ProcessResult(process.exitValue(), output);
    }

    // ---- strict typed parsing ----

    static <T> T strictly(JsonNode node, Class<T> type) {
        return StrictKube.strictly(node, type);
    }

    // ---- helpers ----

    /** The only document of {@code kind} in {@code file}. */
    static JsonNode only(String file, String kind) {
        List<JsonNode> found = documents.entrySet().stream()
                .filter(e -> e.getKey().startsWith(file + "#") && kind.equals(e.getValue().path("kind").asText()))
                .map(Map.Entry::getValue).toList();
        assertThat(found).as(kind + " in " + file).hasSize(1);
        return found.get(0);
    }

    static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
