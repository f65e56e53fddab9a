package io.gpuagent.it;

import static io.gpuagent.dra.Slices.device;
import static io.gpuagent.kubelet.FakeKubelet.container;
import static io.gpuagent.kubelet.FakeKubelet.containerWithClaim;
import static io.gpuagent.kubelet.FakeKubelet.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSlice;
import io.gpuagent.dra.Slices;
import io.gpuagent.kubelet.FakeKubelet;
import io.gpuagent.kubelet.ShortTempDir;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --naming=dcgm} as a drop-in for today's dcgm-exporter (its 4.8 line), through the packaged agent: a real
 * Prometheus answers every panel query and variable of dcgm-exporter's published Grafana dashboard with
 * dcgm-exporter's units and labels ({@code hostname}); a DRA-held GPU and MIG instance carry dcgm-exporter's
 * {@code dra_*} labels, a pod's uid and labels come on demand, and a dcgm-exporter counters file chooses the fields.
 */
class DcgmNamingIT {

    /**
     * The panel queries of dcgm-exporter's published dashboard, {@code grafana/dcgm-exporter-dashboard.json} of
     * NVIDIA/dcgm-exporter (unchanged since its commit cffaeb8, "Fix Grafana dashboard (#183)", August 2023; checked
     * at d5e5f51 of May 2026, after the 4.8.2 release, the file grafana.com's dashboard 12239 publishes), with its
     * {@code $instance} and {@code $gpu} variables.
     */
    static final List<String> DASHBOARD = List.of(
            "DCGM_FI_DEV_GPU_TEMP{instance=~\"$instance\", gpu=~\"$gpu\"}",
            "avg(DCGM_FI_DEV_GPU_TEMP{instance=~\"$instance\", gpu=~\"$gpu\"})",
            "DCGM_FI_DEV_POWER_USAGE{instance=~\"$instance\", gpu=~\"$gpu\"}",
            "sum(DCGM_FI_DEV_POWER_USAGE{instance=~\"$instance\", gpu=~\"$gpu\"})",
            "DCGM_FI_DEV_SM_CLOCK{instance=~\"$instance\", gpu=~\"$gpu\"} * 1000000",
            "DCGM_FI_DEV_GPU_UTIL{instance=~\"$instance\", gpu=~\"$gpu\"}",
            "DCGM_FI_DEV_FB_USED{instance=~\"$instance\", gpu=~\"$gpu\"}",
            "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE{instance=~\"$instance\", gpu=~\"$gpu\"}");
    /** The tensor panel: NVML has it through GPM only, on Hopper and newer (dcgm-migration.md says so). */
    static final String TENSOR = DASHBOARD.getLast();
    /** The dashboard's variables: {@code label_values(DCGM_FI_DEV_GPU_TEMP, instance)}, then {@code gpu} alike. */
    static final String VARIABLE_METRIC = "DCGM_FI_DEV_GPU_TEMP";

    static final String G0 = AttributionIT.G0;
    static final String G1 = AttributionIT.G1;
    static final String G2 = AttributionIT.G2;
    static final String MIG_A = AttributionIT.MIG_A;
    static final String NODE = "gpu-node-7";

    /**
     * Two nodes in one Prometheus, as a cluster has: A100s (test-node; pods, MIG) labelled {@code hostname} as
     * dcgm-exporter 4.8.3 does, and H100s (gpm-node) still labelled {@code Hostname} for dashboards of before.
     * Every panel, with each node and with both ("All"), and with one GPU or all, returns data; the tensor panel only
     * where the GPUs have GPM.
     */
    @Test
    void dcgmExportersDashboardQueriesAndVariablesReturnData() throws Exception {
        assumeTrue(Files.isExecutable(RealPrometheus.BINARY), "needs Debian's prometheus (dev/prerequisites installs it)");
        try (ShortTempDir dir = ShortTempDir.create(); FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"))) {
            kubelet.setPods(
                    pod("ml", "train-0", container("trainer", "nvidia.com/gpu", G0)),
                    pod("ml", "infer-0", container("server", "nvidia.com/mig-3g.40gb", MIG_A)));
            try (AgentProcess a100 = AgentProcess.start("--simulate=test-node", "--naming=dcgm", "--kubernetes=false",
                    "--node-name=" + NODE, "--pod-resources-socket=" + kubelet.socket());
                    AgentProcess h100 = AgentProcess.start(Map.of("GPU_AGENT_DCGM_HOSTNAME_LABEL", "Hostname"),
                            "--simulate=gpm-node", "--naming=dcgm", "--kubernetes=false", "--node-name=h100-node",
                            "--collect-interval=500ms")) {
                String a = "127.0.0.1:" + a100.port;
                String h = "127.0.0.1:" + h100.port;
                Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                        global:
                          scrape_interval: 1s
                        scrape_configs:
                          - job_name: dcgm-exporter
                            static_configs:
                              - targets: ['%s', '%s']
                        """.formatted(a, h));
                try (RealPrometheus prometheus = RealPrometheus.start(dir.path(), config)) {
                    awaitData(prometheus, "DCGM_FI_DEV_FB_USED{pod=\"infer-0\"}");
                    awaitData(prometheus, TENSOR.replace("$instance", ".*").replace("$gpu", ".*"));
                    // a few scrapes since the holders' labels arrived, for rate()
                    awaitData(prometheus, "count_over_time(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{pod=\"train-0\"}[1m]) >= 3");

                    List<String> instances = labelValues(prometheus, "instance", VARIABLE_METRIC);
                    assertThat(instances).containsExactlyInAnyOrder(a, h);
                    assertThat(labelValues(prometheus, "gpu", VARIABLE_METRIC)).containsExactly("0", "1", "2");

                    // Grafana's values: one escaped value, or "All" as (v1|v2|...) of the escaped values
                    Map<String, List<String>> instanceChoices = new LinkedHashMap<>();
                    instanceChoices.put(regex(a), List.of(a));
                    instanceChoices.put(regex(h), List.of(h));
                    instanceChoices.put("(" + regex(a) + "|" + regex(h) + ")", List.of(a, h));
                    for (Map.Entry<String, List<String>> instance : instanceChoices.entrySet()) {
                        for (String gpu : List.of("0", "(0|1|2)")) {
                            for (String panel : DASHBOARD) {
                                String q = panel.replace("$instance", instance.getKey()).replace("$gpu", gpu);
                                JsonNode result = prometheus.query(q).path("result");
                                if (panel.equals(TENSOR) && instance.getValue().equals(List.of(a))) {
                                    assertThat(result).as(q + ": A100s have no GPM").isEmpty();
                                } else {
                                    assertThat(result).as(q).isNotEmpty();
                                }
                            }
                        }
                    }

                    // dcgm-exporter's units and labels
                    JsonNode temp = one(prometheus, "DCGM_FI_DEV_GPU_TEMP{instance=\"" + a + "\", gpu=\"0\"}");
                    JsonNode labels = temp.path("metric");
                    assertThat(labels.path("UUID").asText()).isEqualTo(G0);
                    assertThat(labels.path("device").asText()).isEqualTo("nvidia0");
                    assertThat(labels.path("modelName").asText()).isEqualTo("NVIDIA A100-SXM4-40GB");
                    assertThat(labels.path("hostname").asText()).isEqualTo(NODE);
                    assertThat(labels.has("Hostname")).as("renamed in dcgm-exporter 4.8.3").isFalse();
                    assertThat(labels.path("pci_bus_id").asText()).isEqualTo("00000000:07:00.0");
                    assertThat(labels.path("DCGM_FI_DRIVER_VERSION").asText()).isEqualTo("535.261.03");
                    assertThat(labels.path("pod").asText()).isEqualTo("train-0");
                    assertThat(labels.path("namespace").asText()).isEqualTo("ml");
                    assertThat(labels.path("container").asText()).isEqualTo("trainer");
                    assertThat(labels.has("pod_uid")).as("opt-in").isFalse();
                    assertThat(value(temp)).isEqualTo(62);
                    JsonNode old = one(prometheus, "DCGM_FI_DEV_GPU_TEMP{instance=\"" + h + "\", gpu=\"0\"}");
                    assertThat(old.path("metric").path("Hostname").asText()).isEqualTo("h100-node");
                    assertThat(old.path("metric").has("hostname")).isFalse();
                    String at = "{instance=\"" + a + "\", gpu=\"0\"}";
                    assertThat(value(one(prometheus, "DCGM_FI_DEV_POWER_USAGE" + at))).isEqualTo(215.0);
                    assertThat(value(one(prometheus, "DCGM_FI_DEV_GPU_UTIL" + at))).isEqualTo(75);
                    assertThat(value(one(prometheus, "DCGM_FI_DEV_FB_USED" + at))).isEqualTo(10240); // MiB
                    assertThat(value(one(prometheus, "DCGM_FI_DEV_SM_CLOCK" + at + " * 1000000"))).isEqualTo(1.41e9);
                    assertThat(value(one(prometheus, "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION" + at))).isEqualTo(123456789);
                    assertThat(value(one(prometheus, "DCGM_FI_DEV_XID_ERRORS" + at))).isEqualTo(48); // test-node's XID
                    assertThat(value(one(prometheus, "DCGM_FI_DEV_XID_ERRORS{instance=\"" + a + "\", gpu=\"2\"}")))
                            .isZero();
                    assertThat(value(one(prometheus, "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE{instance=\"" + h + "\", gpu=\"0\"}")))
                            .isEqualTo(0.6175);
                    // a MIG instance: its parent's gpu/UUID/device, plus GPU_I_ID and GPU_I_PROFILE, and its holder
                    JsonNode mig = one(prometheus, "DCGM_FI_DEV_FB_USED{instance=\"" + a + "\", GPU_I_ID=\"1\"}");
                    assertThat(mig.path("metric").path("gpu").asText()).isEqualTo("1");
                    assertThat(mig.path("metric").path("UUID").asText()).isEqualTo(G1);
                    assertThat(mig.path("metric").path("GPU_I_PROFILE").asText()).isEqualTo("3g.40gb");
                    assertThat(mig.path("metric").path("pod").asText()).isEqualTo("infer-0");
                    // no native device family in this mode; the agent's own and the allocation families stay
                    assertThat(prometheus.query("gpu_temperature_celsius").path("result")).isEmpty();
                    assertThat(prometheus.query("gpu_allocation_info{pod=\"train-0\"}").path("result")).hasSize(1);
                    assertThat(prometheus.query("gpu_agent_nvml_up == 1").path("result")).hasSize(2);
                    // rate() over dcgm's counters works as it did on dcgm-exporter
                    String rate = "rate(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{instance=\"" + a + "\"}[1m])";
                    assertThat(prometheus.query(rate).path("result")).as(rate + " / samples: "
                            + prometheus.query("count_over_time(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION[1m])")).isNotEmpty();
                }
            }
        }
    }

    /**
     * A DRA-held GPU and MIG instance, a device plugin's GPU, pod uids and labels on demand, and a user's
     * dcgm-exporter counters file: what a dcgm-exporter 4.8 setup with {@code --kubernetes-enable-dra},
     * {@code --kubernetes-enable-pod-uid}, {@code --kubernetes-enable-pod-labels} and {@code -f} served.
     */
    @Test
    void draLabelsPodUidPodLabelsAndACountersFile() throws Exception {
        try (ShortTempDir dir = ShortTempDir.create();
                FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"));
                FakeKubernetesApi api = FakeKubernetesApi.start()) {
            kubelet.setPods(
                    pod("ml", "train-0", containerWithClaim("trainer", "ml", "train-gpu", "gpu.nvidia.com", NODE, "gpu-0")),
                    pod("ml", "infer-0", containerWithClaim("server", "ml", "infer-mig", "gpu.nvidia.com", NODE,
                            "gpu-1-mig-1-0")),
                    pod("ml", "plugin-0", container("main", "nvidia.com/gpu", G2)));
            // (the API server gives each pod its uid)
            String trainUid = createPod(api, "train-0", Map.of("team", "vision", "app.kubernetes.io/name", "trainer"));
            String inferUid = createPod(api, "infer-0", Map.of("team", "speech"));
            api.client().resources(ResourceSlice.class).resource(slice(
                    device("gpu-0", "type", "gpu", "uuid", G0),
                    device("gpu-1-mig-1-0", "type", "mig", "uuid", MIG_A, "parentUUID", G1, "profile", "3g.40gb")))
                    .create();
            Path counters = Files.writeString(dir.resolve("dcgm-counters.csv"), """
                    # Format
                    # If line starts with a '#' it is considered a comment
                    # DCGM FIELD, Prometheus metric type, help message

                    DCGM_FI_DEV_GPU_UTIL,      gauge, GPU utilization (in %).
                    DCGM_FI_DEV_FB_USED, gauge, Framebuffer memory used (in MiB).
                    DCGM_FI_DEV_GPU_TEMP,    gauge, GPU temperature (in C).
                    DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION, counter, Total energy consumption since boot (in mJ).
                    # DCGM_FI_DEV_POWER_USAGE,              gauge, Power draw (in W).
                    DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL,            counter, Total number of NVLink bandwidth counters for all lanes.
                    DCGM_FI_DEV_VGPU_LICENSE_STATUS, gauge, vGPU License status
                    DCGM_FI_DRIVER_VERSION,        label, Driver Version
                    """);
            try (AgentProcess agent = AgentProcess.start(api.env(dir.path()), "--simulate=test-node",
                    "--naming=dcgm", "--kubernetes=on", "--node-name=" + NODE, "--collect-interval=200ms",
                    "--pod-resources-socket=" + kubelet.socket(), "--dcgm-counters=" + counters, "--dcgm-pod-uid",
                    "--dcgm-pod-labels", "--pod-label-allowlist=team")) {
                Exposition m = AttributionIT.awaitMetrics(agent, e -> !e.find("DCGM_FI_DEV_GPU_TEMP", "team", "vision",
                        "dra_claim_name", "train-gpu").isEmpty() && !e.find("DCGM_FI_DEV_FB_USED", "team", "speech").isEmpty(),
                        Duration.ofSeconds(30));

                // the DRA-held GPU: dcgm-exporter's dra_* labels, its holder, the pod's uid and allowlisted label
                Exposition.Sample gpu = only(m.find("DCGM_FI_DEV_GPU_TEMP", "gpu", "0"));
                assertThat(gpu.labels()).as("stderr: %s", agent.stderr()).containsAllEntriesOf(Map.ofEntries(
                        Map.entry("UUID", G0), Map.entry("hostname", NODE), Map.entry("DCGM_FI_DRIVER_VERSION", "535.261.03"),
                        Map.entry("pod", "train-0"), Map.entry("namespace", "ml"), Map.entry("container", "trainer"),
                        Map.entry("dra_claim_name", "train-gpu"), Map.entry("dra_claim_namespace", "ml"),
                        Map.entry("dra_driver_name", "gpu.nvidia.com"), Map.entry("dra_pool_name", NODE),
                        Map.entry("dra_device_name", "gpu-0"), Map.entry("pod_uid", trainUid),
                        Map.entry("team", "vision")));
                assertThat(gpu.labels()).doesNotContainKeys("Hostname", "app_kubernetes_io_name", "dra_mig_profile");
                assertThat(gpu.value()).isEqualTo(62);
                // the DRA-held MIG instance: its profile and UUID as well
                Exposition.Sample mig = only(m.find("DCGM_FI_DEV_FB_USED", "GPU_I_ID", "1"));
                assertThat(mig.labels()).containsAllEntriesOf(Map.of("UUID", G1, "GPU_I_PROFILE", "3g.40gb",
                        "pod", "infer-0", "dra_claim_name", "infer-mig", "dra_device_name", "gpu-1-mig-1-0",
                        "dra_mig_profile", "3g.40gb", "dra_mig_device_uuid", MIG_A, "pod_uid", inferUid,
                        "team", "speech"));
                assertThat(only(m.find("DCGM_FI_DEV_FB_USED", "GPU_I_ID", "2")).labels()).doesNotContainKeys("pod",
                        "dra_claim_name");
                // a device plugin's GPU: its holder, no claim; its pod is unknown to the API, so no uid
                Exposition.Sample plugin = only(m.find("DCGM_FI_DEV_GPU_TEMP", "gpu", "2"));
                assertThat(plugin.labels()).containsEntry("pod", "plugin-0").doesNotContainKeys("dra_claim_name",
                        "pod_uid");

                // the counters file: its fields the agent serves, nothing else of the catalog, the file's help
                String text = agent.get("/metrics").body();
                assertThat(text.lines().filter(l -> l.startsWith("# TYPE DCGM_"))).containsExactlyInAnyOrder(
                        "# TYPE DCGM_FI_DEV_GPU_UTIL gauge", "# TYPE DCGM_FI_DEV_FB_USED gauge",
                        "# TYPE DCGM_FI_DEV_GPU_TEMP gauge", "# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION untyped");
                assertThat(text).contains("# HELP DCGM_FI_DEV_GPU_TEMP GPU temperature (in C).");
                assertThat(m.find("DCGM_FI_DEV_POWER_USAGE")).as("commented out").isEmpty();
                // the fields it cannot serve: named once, on one line, at start
                String log = agent.stderr();
                List<String> warnings = log.lines().filter(l -> l.contains("not served")).toList();
                assertThat(warnings).as(log).hasSize(1);
                assertThat(warnings.getFirst()).contains("WARNING").contains(counters.toString())
                        .endsWith("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL, DCGM_FI_DEV_VGPU_LICENSE_STATUS");
                assertThat(log).doesNotContain("DCGM_FI_DEV_POWER_USAGE");
            }
        }
    }

    /** Grafana's regex escape of a variable's value, in a PromQL string. */
    private static String regex(String value) {
        return value.replace(".", "\\\\.");
    }

    private static Exposition.Sample only(List<Exposition.Sample> samples) {
        assertThat(samples).hasSize(1);
        return samples.getFirst();
    }

    /** Its uid. */
    private static String createPod(FakeKubernetesApi api, String name, Map<String, String> labels) {
        return api.client().pods().inNamespace("ml").resource(new PodBuilder()
                .withNewMetadata().withNamespace("ml").withName(name).addToLabels(labels)
                .endMetadata()
                .withNewSpec().withNodeName(NODE).addNewContainer().withName("main").withImage("x").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").endStatus()
                .build()).create().getMetadata().getUid();
    }

    /** The NVIDIA DRA driver's slice of this node. */
    private static ResourceSlice slice(io.fabric8.kubernetes.api.model.resource.v1.Device... devices) {
        return Slices.slice(NODE + "-gpu.nvidia.com", NODE, "gpu.nvidia.com", NODE, 1L, devices);
    }

    private static JsonNode one(RealPrometheus p, String q) throws Exception {
        JsonNode r = p.query(q).path("result");
        assertThat(r).as(q).hasSize(1);
        return r.get(0);
    }

    private static double value(JsonNode sample) {
        return Double.parseDouble(sample.path("value").get(1).asText());
    }

    private static void awaitData(RealPrometheus p, String q) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (p.query(q).path("result").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(p.query(q).path("result")).as(q + " never had data; Prometheus log:\n" + p.log()).isNotEmpty();
    }

    /** What Grafana's label_values(selector, label) asks Prometheus. */
    private static List<String> labelValues(RealPrometheus p, String label, String selector) throws Exception {
        JsonNode r = p.api("/api/v1/label/" + label + "/values?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        r.path("data").forEach(v -> out.add(v.asText()));
        return out;
    }
}
