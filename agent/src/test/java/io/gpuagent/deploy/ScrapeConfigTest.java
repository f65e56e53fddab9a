package io.gpuagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The scrape job for Prometheus without the operator: valid for promtool, and the same as the PodMonitor. */
class ScrapeConfigTest {

    static final Path ROOT = Path.of("..");
    static final Path FILE = ROOT.resolve("daemonset/prometheus/scrape-config.yaml");

    static String promtoolCheckConfig(String config) throws Exception {
        Path file = Files.createTempFile("prometheus", ".yml");
        try {
            Files.writeString(file, config);
            String binary = Files.isExecutable(Path.of("/usr/bin/promtool")) ? "/usr/bin/promtool" : "promtool";
            Process p = new ProcessBuilder(binary, "check", "config", "--syntax-only", file.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return p.exitValue() + " " + out;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The job with its Kubernetes discovery swapped for a static target: Debian's Prometheus build
     * (the one installed here) has no Kubernetes discovery and rejects the key; the rest is checked.
     */
    static String withStaticTarget(String shipped) throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) yaml.readTree(shipped);
        com.fasterxml.jackson.databind.node.ObjectNode job = (com.fasterxml.jackson.databind.node.ObjectNode) root.path("scrape_configs").get(0);
        assertThat(job.remove("kubernetes_sd_configs")).isNotNull();
        job.putArray("static_configs").addObject().putArray("targets").add("127.0.0.1:9400");
        return yaml.writeValueAsString(root);
    }

    @Test
    void promtoolAcceptsItAndRejectsABrokenCopy() throws Exception {
        String shipped = Files.readString(FILE);
        assertThat(promtoolCheckConfig(withStaticTarget(shipped))).startsWith("0 ");
        assertThat(promtoolCheckConfig(withStaticTarget(shipped.replace("action: keep", "action: kep")))).doesNotStartWith("0 ");
    }

    @Test
    void sameTargetsAndLabelsAsThePodMonitor() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode job = yaml.readTree(FILE.toFile()).path("scrape_configs").get(0);
        JsonNode endpoint = yaml.readTree(ROOT.resolve("daemonset/examples/podmonitor.yaml").toFile())
                .path("spec").path("podMetricsEndpoints").get(0);

        assertThat(job.path("honor_labels").asBoolean()).isEqualTo(endpoint.path("honorLabels").asBoolean()).isTrue();
        assertThat(job.path("metrics_path").asText()).isEqualTo(endpoint.path("path").asText());
        assertThat(job.path("scrape_interval").asText()).isEqualTo(endpoint.path("interval").asText());
        assertThat(job.path("kubernetes_sd_configs").get(0).path("role").asText()).isEqualTo("pod");
        List<String> relabels = new ArrayList<>();
        job.path("relabel_configs").forEach(r -> relabels.add(r.path("source_labels").get(0).asText() + " "
                + r.path("action").asText() + " " + r.path("regex").asText(r.path("target_label").asText())));
        assertThat(relabels).containsExactly(
                "__meta_kubernetes_pod_label_app_kubernetes_io_name keep gpu-agent",
                "__meta_kubernetes_pod_container_port_name keep " + endpoint.path("port").asText(),
                "__meta_kubernetes_pod_node_name replace node");
        // no target label that would overwrite the holders' namespace/pod (honor_labels keeps theirs anyway)
        job.path("relabel_configs").forEach(r -> assertThat(r.path("target_label").asText()).isNotIn("namespace", "pod", "container"));
    }
}
