package io.gpuagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chart's autoscaling templates are the recipes of {@code daemonset/autoscaling} with the workload as a
 * value: rendered for the recipes' example (Deployment llama in namespace ml) each gives exactly that
 * file's object (AutoscalingRecipesTest checks those files against KEDA's fields, promtool and the
 * agent's metric names), so the chart and the recipes cannot drift apart; other values go where they say.
 */
class ChartAutoscalingTest {

    static Map<String, String> workload(String recipe) {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("autoscaling.workloads[0].name", AutoscalingRecipesTest.DEPLOYMENT);
        set.put("autoscaling.workloads[0].namespace", AutoscalingRecipesTest.NAMESPACE);
        set.put("autoscaling.workloads[0].recipe", recipe);
        return set;
    }

    static List<JsonNode> autoscalers(String rendered) throws Exception {
        return KustomizeRenderTest.documents(rendered).stream()
                .filter(d -> List.of("ScaledObject", "HorizontalPodAutoscaler").contains(d.path("kind").asText()))
                .toList();
    }

    /** The object without the labels the chart puts on everything it installs. */
    static JsonNode withoutLabels(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        ((ObjectNode) copy.path("metadata")).remove("labels");
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"keda-prometheus, keda-prometheus.yaml", "keda-metrics-api, keda-metrics-api.yaml", "hpa, hpa.yaml"})
    void theExampleWorkloadRendersExactlyTheRecipe(String recipe, String file) throws Exception {
        List<JsonNode> rendered = autoscalers(HelmChart.template(workload(recipe)));
        List<JsonNode> shipped = AutoscalingQueries.documents(AutoscalingRecipesTest.DIR.resolve(file));
        assertThat(rendered).hasSize(1);
        assertThat(rendered.get(0).path("metadata").path("labels").path("app.kubernetes.io/instance").asText())
                .isEqualTo(HelmChart.RELEASE);
        assertThat(withoutLabels(rendered.get(0))).isEqualTo(shipped.get(0));
    }

    @Test
    void noWorkloadNoAutoscaler() throws Exception {
        assertThat(autoscalers(HelmChart.template(Map.of()))).isEmpty();
    }

    @Test
    void theAutoscalingValueSetScalesEachWorkloadItsWay() throws Exception {
        List<JsonNode> rendered = autoscalers(HelmChart.template(HelmChart.CHART.resolve("ci/autoscaling-values.yaml")));
        assertThat(rendered).extracting(d -> d.path("metadata").path("namespace").asText() + "/"
                + d.path("metadata").path("name").asText() + " " + d.path("kind").asText())
                .containsExactlyInAnyOrder("ml/llama ScaledObject", "serving/chat HorizontalPodAutoscaler",
                        "serving/embed ScaledObject");
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        rendered.forEach(d -> byName.put(d.path("metadata").path("name").asText(), d));

        JsonNode llama = byName.get("llama");
        assertThat(AutoscalingRecipesTest.scaledObjectProblems(llama)).isEmpty();
        JsonNode depth = llama.path("spec").path("triggers").get(0).path("metadata");
        assertThat(depth.path("url").asText()).isEqualTo("http://gpu-agent.gpu-agent.svc.cluster.local:9400/metrics");
        assertThat(depth.path("targetValue").asText()).isEqualTo("4");
        assertThat(llama.path("spec").path("triggers").get(1).path("metadata").path("targetValue").asText()).isEqualTo("32");

        HorizontalPodAutoscaler chat = StrictKube.strictly(byName.get("chat"), HorizontalPodAutoscaler.class);
        assertThat(chat.getSpec().getMinReplicas()).isEqualTo(1);
        assertThat(chat.getSpec().getMaxReplicas()).isEqualTo(20);
        assertThat(chat.getSpec().getScaleTargetRef().getName()).isEqualTo("chat");
        AutoscalingRecipesTest.assertFastUpSlowDown(chat.getSpec().getBehavior(), "chat");

        JsonNode embed = byName.get("embed").path("spec");
        assertThat(embed.path("scaleTargetRef").path("kind").asText()).isEqualTo("StatefulSet");
        assertThat(embed.path("minReplicaCount").asInt()).isEqualTo(1);
        JsonNode wait = embed.path("triggers").get(1).path("metadata");
        assertThat(wait.path("serverAddress").asText()).isEqualTo("http://prometheus.monitoring:9090");
        assertThat(wait.path("query").asText())
                .isEqualTo("max(inference_queue_wait_seconds{namespace=\"serving\",workload=\"embed\"}) or vector(0)");
        assertThat(wait.path("threshold").asText()).isEqualTo("0.5");
    }

    @Test
    void contradictoryOrIncompleteWorkloadsAreRefused() {
        Map<String, String> noService = workload("keda-metrics-api");
        noService.put("service.enabled", "false");
        noService.put("serviceMonitor.enabled", "false");
        assertThatThrownBy(() -> HelmChart.template(noService)).hasMessageContaining("through their Service");
        Map<String, String> tls = workload("keda-metrics-api");
        tls.put("webConfig.secretName", "web");
        assertThatThrownBy(() -> HelmChart.template(tls)).hasMessageContaining("use keda-prometheus");
        assertThatThrownBy(() -> HelmChart.template(workload("keda")))
                .hasMessageContaining("values don't meet the specifications of the schema");
        assertThatThrownBy(() -> HelmChart.template(Map.of("autoscaling.workloads[0].name", "llama")))
                .hasMessageContaining("values don't meet the specifications of the schema");
    }
}
