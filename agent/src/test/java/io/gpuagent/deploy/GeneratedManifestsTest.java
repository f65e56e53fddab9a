package io.gpuagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One source for the manifests: the Helm chart. The kustomize base ({@code daemonset/base}, all but its
 * namespace.yaml and kustomization.yaml) and {@code daemonset/examples/podmonitor.yaml} are the chart's
 * render, and the chart's {@code files/gpu-agent.rules.yaml} is a copy of {@code daemonset/rules}' rules
 * file (Helm reads no file outside the chart). Each must equal what it is generated from, byte for byte;
 * {@code dev/render-manifests} (this test with {@code -Dgolden.update=true}) rewrites them. Where kubectl is
 * installed, {@code kubectl kustomize daemonset/base} must also give the chart's objects exactly.
 */
class GeneratedManifestsTest {

    static final Path DAEMONSET = Path.of("..", "daemonset");
    static final Path BASE = DAEMONSET.resolve("base");
    static final Path RULES = DAEMONSET.resolve("rules/gpu-agent.rules.yaml");
    static final Path CHART_RULES = HelmChart.CHART.resolve("files/gpu-agent.rules.yaml");
    static final Path POD_MONITOR = DAEMONSET.resolve("examples/podmonitor.yaml");
    /** Hand-written files of the base: Helm leaves namespaces to --create-namespace, and the kustomization. */
    static final List<String> HAND_WRITTEN = List.of("namespace.yaml", "kustomization.yaml");

    static final String RULES_HEADER = """
            # A copy of daemonset/rules/gpu-agent.rules.yaml for the chart's PrometheusRule (Helm reads no file
            # outside the chart): edit that file, then run dev/render-manifests.
            """;
    static final String BASE_HEADER = """
            # Rendered from the Helm chart daemonset/chart/gpu-agent with its default values (release and
            # namespace gpu-agent): edit the chart, then run dev/render-manifests. GeneratedManifestsTest
            # fails while this file differs from the chart's render.
            """;
    static final String POD_MONITOR_HEADER = """
            # A PodMonitor for setups without the Service, in place of the base's ServiceMonitor (both would
            # scrape every series twice). Rendered from the Helm chart daemonset/chart/gpu-agent with
            # serviceMonitor.enabled=false and podMonitor.enabled=true by dev/render-manifests.
            #
            # In your overlay's kustomization.yaml:
            #
            #   resources:
            #     - ../../base            # or a remote ref to daemonset/base
            #     - podmonitor.yaml
            #   patches:
            #     - patch: |-
            #         $patch: delete
            #         apiVersion: monitoring.coreos.com/v1
            #         kind: ServiceMonitor
            #         metadata:
            #           name: gpu-agent
            #           namespace: gpu-agent
            """;

    /** Every generated file and the text it must hold, the rules copy first (the chart renders it). */
    static Map<Path, String> generated() throws IOException {
        Map<Path, String> out = new LinkedHashMap<>();
        out.put(CHART_RULES, RULES_HEADER + Files.readString(RULES));
        if (Boolean.getBoolean("golden.update")) {
            write(CHART_RULES, out.get(CHART_RULES));
        }
        HelmChart.byTemplate(HelmChart.template(Map.of()))
                .forEach((template, text) -> out.put(BASE.resolve(template), BASE_HEADER + text));
        String podMonitor = HelmChart.byTemplate(HelmChart.template(
                Map.of("serviceMonitor.enabled", "false", "podMonitor.enabled", "true"))).get("podmonitor.yaml");
        assertThat(podMonitor).as("the chart's PodMonitor").isNotNull();
        out.put(POD_MONITOR, POD_MONITOR_HEADER + podMonitor);
        return out;
    }

    static void write(Path file, String text) throws IOException {
        if (!Files.exists(file) || !Files.readString(file).equals(text)) {
            Files.writeString(file, text);
        }
    }

    @Test
    void everyGeneratedFileIsWhatItIsGeneratedFrom() throws IOException {
        Map<Path, String> generated = generated();
        if (Boolean.getBoolean("golden.update")) {
            for (var e : generated.entrySet()) {
                write(e.getKey(), e.getValue());
            }
        }
        assertThat(generated).hasSizeGreaterThanOrEqualTo(8);
        generated.forEach((file, text) -> assertThat(file).as("%s is generated: run dev/render-manifests", file)
                .exists().content().isEqualTo(text));
    }

    @Test
    void theBaseIsTheRenderedFilesAndItsHandWrittenOnes() throws IOException {
        List<String> rendered = generated().keySet().stream().filter(p -> p.startsWith(BASE))
                .map(p -> p.getFileName().toString()).toList();
        List<String> present;
        try (Stream<Path> files = Files.list(BASE)) {
            present = files.map(p -> p.getFileName().toString()).toList();
        }
        List<String> expected = new ArrayList<>(rendered);
        expected.addAll(HAND_WRITTEN);
        // a template that no longer renders by default leaves no stale file behind
        assertThat(present).as("files of daemonset/base").containsExactlyInAnyOrderElementsOf(expected);
        Object resources = ManifestsTest.map(ManifestsTest.loadOne(BASE.resolve("kustomization.yaml"))).get("resources");
        List<String> listed = ManifestsTest.strings(resources);
        List<String> expectedListed = new ArrayList<>(rendered);
        expectedListed.add("namespace.yaml");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(expectedListed);
    }

    /** The base as kubectl applies it (namespace, image, kustomize's own transformers) is the chart's render. */
    @Test
    void theKustomizedBaseIsTheChartsDefaultRenderAndTheNamespace() throws Exception {
        Map<String, JsonNode> kustomized = byKindAndName(KustomizeRenderTest.documents(KustomizeRenderTest.render(BASE)));
        Map<String, JsonNode> chart = byKindAndName(KustomizeRenderTest.documents(HelmChart.template(Map.of())));
        JsonNode namespace = kustomized.remove("Namespace/gpu-agent");
        assertThat(namespace).as("the base's Namespace").isNotNull();
        assertThat(kustomized.keySet()).containsExactlyElementsOf(chart.keySet());
        chart.forEach((key, object) -> assertThat(exprWhitespace(kustomized.get(key))).as(key)
                .isEqualTo(exprWhitespace(object)));
        // and both are the strict, typed objects the cluster would accept
        List<HasMetadata> typed = KustomizeRenderTest.typed(new ArrayList<>(chart.values()));
        assertThat(typed).hasSameSizeAs(chart.values());
    }

    /** The overlay of the PodMonitor example's header: the PodMonitor in, the ServiceMonitor out. */
    @Test
    void thePodMonitorExampleReplacesTheServiceMonitor() throws Exception {
        Path overlay = Files.createDirectories(Path.of("target/podmonitor-overlay"));
        try {
            Files.copy(POD_MONITOR, overlay.resolve("podmonitor.yaml"), StandardCopyOption.REPLACE_EXISTING);
            StringBuilder kustomization = new StringBuilder();
            boolean in = false;
            for (String line : POD_MONITOR_HEADER.lines().toList()) {
                if (line.startsWith("#   resources:")) {
                    in = true;
                }
                if (in) {
                    kustomization.append(line.substring(Math.min(4, line.length()))).append('\n');
                }
            }
            Files.writeString(overlay.resolve("kustomization.yaml"),
                    kustomization.toString().replace("../../base            # or a remote ref to daemonset/base",
                            "../../../daemonset/base"));
            List<HasMetadata> rendered = KustomizeRenderTest.typed(KustomizeRenderTest.documents(
                    KustomizeRenderTest.render(overlay)));
            assertThat(rendered).extracting(HasMetadata::getKind).contains("PodMonitor", "DaemonSet")
                    .doesNotContain("ServiceMonitor");
        } finally {
            try (Stream<Path> files = Files.walk(overlay)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * kustomize re-serialises a folded ({@code >-}) rule expression with a more-indented line (GpuCriticalXid's)
     * with one line break more than YAML's folding gives; PromQL does not care. Only rule expressions are
     * compared with their whitespace collapsed.
     */
    static JsonNode exprWhitespace(JsonNode object) {
        JsonNode copy = object.deepCopy();
        copy.path("spec").path("groups").forEach(g -> g.path("rules").forEach(r -> {
            if (r.has("expr")) {
                ((ObjectNode) r).put("expr", r.path("expr").asText().replaceAll("\\s+", " "));
            }
        }));
        return copy;
    }

    static Map<String, JsonNode> byKindAndName(List<JsonNode> docs) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode doc : docs) {
            String key = doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
            assertThat(out.put(key, (ObjectNode) doc)).as("duplicate " + key).isNull();
        }
        return out;
    }
}
