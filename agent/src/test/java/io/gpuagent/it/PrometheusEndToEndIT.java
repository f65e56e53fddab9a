package io.gpuagent.it;

import static io.gpuagent.kubelet.FakeKubelet.container;
import static io.gpuagent.kubelet.FakeKubelet.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gpuagent.kubelet.FakeKubelet;
import io.gpuagent.kubelet.ShortTempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The end-to-end proof of what the project ships: the packaged agent on a simulated node (simulated
 * NVML, a pod-resources server, a Kubernetes API, a vLLM serving pod), scraped by a real Prometheus
 * with the shipped scrape job (daemonset/prometheus/scrape-config.yaml; the Kubernetes discovery
 * swapped for the same target with the labels discovery would give it) and evaluating the shipped
 * rules. Every PromQL expression of the dashboards, the rules and the autoscaling recipes must parse
 * and, with thresholds and {@code or vector(0)} fallbacks taken off, return data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusEndToEndIT {

    static final String NODE = ServingIT.NODE;
    static final String G0 = "GPU-11111111-1111-1111-1111-111111111111";
    static final String MIG_A = "MIG-a1a1a1a1-0000-0000-0000-000000000001";
    static final String G2 = "GPU-33333333-3333-3333-3333-333333333333";

    ShortTempDir dir;
    FakeKubelet kubelet;
    FakeKubernetesApi api;
    FakeInferenceServer vllm;
    AgentProcess agent;
    RealPrometheus prometheus;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(RealPrometheus.BINARY),
                "needs Debian's prometheus package (/usr/bin/prometheus); dev/prerequisites installs it");
        dir = ShortTempDir.create();
        kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"));
        kubelet.setPods(
                pod("ml", "llama-7d9f-abcde", container("server", "nvidia.com/gpu", G0)),
                pod("ml", "embed-0", container("server", "nvidia.com/mig-3g.40gb", MIG_A)),
                pod("research", "notebook-0", container("lab", "nvidia.com/gpu.shared", G2 + "::0")),
                pod("research", "notebook-1", container("lab", "nvidia.com/gpu.shared", G2 + "::1")));
        api = FakeKubernetesApi.start();
        vllm = FakeInferenceServer.start("127.0.0.1");
        long[] reads = {0};
        // a busy server: every read, 10 more requests done, each having waited 0.5 s
        vllm.setPage(() -> {
            synchronized (reads) {
                reads[0]++;
                return FakeInferenceServer.vllm("llama", 6, 48, 0.72, reads[0] * 5.0, reads[0] * 10);
            }
        });
        ServingIT.llamaDeployment(api.client());
        ServingIT.runningPod(api.client(), "ml", "llama-7d9f-abcde", vllm.address(),
                ServingIT.controller("apps/v1", "ReplicaSet", "llama-7d9f"), ServingIT.scrape(vllm.port()));
        agent = AgentProcess.start(api.env(dir.path()), "--simulate=test-node", "--collect-interval=1s",
                "--kubernetes=on", "--node-name=" + NODE, "--pod-resources-socket=" + kubelet.socket());
        prometheus = RealPrometheus.start(dir.path(), prometheusConfig(dir.path(), agent.port));
    }

    /**
     * prometheus.yml from the shipped scrape job, at a 1 s interval, with the agent as a static target
     * labelled as Kubernetes discovery labels an agent pod, and the shipped rules evaluated every second.
     */
    static Path prometheusConfig(Path dir, int agentPort) throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode shipped = (ObjectNode) yaml.readTree(ShippedQueries.ROOT.resolve("daemonset/prometheus/scrape-config.yaml").toFile());
        ObjectNode job = (ObjectNode) shipped.path("scrape_configs").get(0);
        assertThat(job.has("kubernetes_sd_configs")).as("the shipped job discovers agent pods").isTrue();
        job.remove("kubernetes_sd_configs");
        job.put("scrape_interval", "1s").put("scrape_timeout", "1s");
        ObjectNode target = job.putArray("static_configs").addObject();
        target.putArray("targets").add("127.0.0.1:" + agentPort);
        target.putObject("labels")
                .put("__meta_kubernetes_namespace", "gpu-agent")
                .put("__meta_kubernetes_pod_name", "gpu-agent-x7k2p")
                .put("__meta_kubernetes_pod_node_name", NODE)
                .put("__meta_kubernetes_pod_label_app_kubernetes_io_name", "gpu-agent")
                .put("__meta_kubernetes_pod_container_port_name", "metrics");

        Path rules = dir.resolve("gpu-agent.rules.yaml");
        Files.writeString(rules, Files.readString(ShippedQueries.ROOT.resolve("daemonset/rules/gpu-agent.rules.yaml"))
                .replaceAll("(?m)^(\\s*interval:\\s*)\\S+", "$11s"));
        ObjectNode config = yaml.createObjectNode();
        config.putObject("global").put("scrape_interval", "1s").put("evaluation_interval", "1s");
        config.putArray("rule_files").add(rules.toString());
        config.set("scrape_configs", shipped.path("scrape_configs"));
        Path file = dir.resolve("prometheus.yml");
        yaml.writeValue(file.toFile(), config);
        return file;
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {prometheus, agent, vllm, api, kubelet, dir}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** The queries whose relaxed form returns nothing, with what they are; parse errors fail at once. */
    Map<String, String> empty(List<ShippedQueries.Query> queries) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (ShippedQueries.Query q : queries) {
            try {
                prometheus.query(q.query());
            } catch (IllegalArgumentException e) {
                throw new AssertionError(q.origin() + ": " + q.query() + " does not run: " + e.getMessage(), e);
            }
            JsonNode data = prometheus.query(q.relaxed());
            if (data.path("result").isEmpty()) {
                out.put(q.origin(), q.relaxed());
            }
        }
        return out;
    }

    /** Polls until every query returns data (rules need a few evaluations, increase() two samples), at most 60 s. */
    Map<String, String> awaitData(List<ShippedQueries.Query> queries) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, String> missing = empty(queries);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            missing = empty(queries);
        }
        return missing;
    }

    @Test
    void theShippedScrapeJobLabelsTheTargetWithItsNode() throws Exception {
        JsonNode up = prometheus.query("up{job=\"gpu-agent\"}").path("result");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((up.isEmpty() || up.get(0).path("value").get(1).asDouble() != 1) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            up = prometheus.query("up{job=\"gpu-agent\"}").path("result");
        }
        assertThat(up).as("targets: %s", prometheus.api("/api/v1/targets")).hasSize(1);
        assertThat(up.get(0).path("metric").path("node").asText()).isEqualTo(NODE);
        assertThat(up.get(0).path("value").get(1).asDouble()).isEqualTo(1);
        // honor_labels: the workloads' namespace survives; the agent's own pod namespace is not stamped on
        JsonNode held = prometheus.query("gpu_allocation_info{pod=\"llama-7d9f-abcde\"}").path("result");
        assertThat(held).isNotEmpty();
        assertThat(held.get(0).path("metric").path("namespace").asText()).isEqualTo("ml");
    }

    @Test
    void everyDashboardRuleAndRecipeQueryReturnsData() throws Exception {
        List<ShippedQueries.Query> queries = ShippedQueries.all();
        assertThat(queries).extracting(ShippedQueries.Query::origin)
                .anyMatch(o -> o.startsWith("gpu-agent-cluster.json"))
                .anyMatch(o -> o.startsWith("gpu-agent-workloads.json"))
                .anyMatch(o -> o.startsWith("gpu-agent-node.json"))
                .anyMatch(o -> o.startsWith("rules GpuAllocatedButIdle"))
                .anyMatch(o -> o.startsWith("daemonset/autoscaling"));
        Map<String, String> missing = awaitData(queries);
        assertThat(missing).as("queries returning nothing (relaxed form shown); agent stderr:%n%s", agent.stderr()).isEmpty();
        System.out.printf("%d shipped queries returned data from a real Prometheus%n", queries.size());
    }

    @Test
    void aQueryThatFindsNothingIsCaughtEvenBehindAFallback() throws Exception {
        assertThat(awaitData(List.of(ShippedQueries.of("known", "gpu_up")))).isEmpty();
        List<ShippedQueries.Query> broken = new ArrayList<>(List.of(
                ShippedQueries.of("misspelled metric", "avg(gpu_utilisation_ratio)"),
                ShippedQueries.of("fallback hides it", "count(gpu_up{node=\"no-such-node\"} == 0) or vector(0)"),
                ShippedQueries.of("wrong label", "sum by (workload) (inference_queued_requests{namespace=\"ml\",workload=\"lama\"})")));
        assertThat(empty(broken)).containsOnlyKeys("misspelled metric", "fallback hides it", "wrong label");
        assertThatThrownBy(() -> empty(List.of(ShippedQueries.of("bad syntax", "sum(gpu_up"))))
                .hasMessageContaining("does not run");
    }
}
