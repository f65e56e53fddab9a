package io.gpuagent.it;

import static io.gpuagent.kubelet.FakeKubelet.container;
import static io.gpuagent.kubelet.FakeKubelet.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuagent.kubelet.FakeKubelet;
import io.gpuagent.kubelet.ShortTempDir;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code --naming=dcgm} as a drop-in: a real Prometheus scrapes the agent in dcgm mode and answers the queries
 * and variables of dcgm-exporter's published Grafana dashboard, with dcgm-exporter's units and labels.
 */
class DcgmNamingIT {

    /** The panel queries of dcgm-exporter's dashboard, with its $instance and $gpu variables. */
    static final List<String> DASHBOARD = List.of(
            "DCGM_FI_DEV_GPU_TEMP{instance=~\"$instance\", gpu=~\"$gpu\"}",
            "avg(DCGM_FI_DEV_GPU_TEMP{instance=~\"$instance\", gpu=~\"$gpu\"})",
            "DCGM_FI_DEV_POWER_USAGE{instance=~\"$instance\", gpu=~\"$gpu\"}",
            "sum(DCGM_FI_DEV_POWER_USAGE{instance=~\"$instance\", gpu=~\"$gpu\"})",
            "DCGM_FI_DEV_SM_CLOCK{instance=~\"$instance\", gpu=~\"$gpu\"} * 1000000",
            "DCGM_FI_DEV_GPU_UTIL{instance=~\"$instance\", gpu=~\"$gpu\"}",
            "DCGM_FI_DEV_FB_USED{instance=~\"$instance\", gpu=~\"$gpu\"}");

    @Test
    void dcgmExportersDashboardQueriesAndVariablesReturnData() throws Exception {
        assumeTrue(Files.isExecutable(RealPrometheus.BINARY), "needs Debian's prometheus (dev/prerequisites installs it)");
        try (ShortTempDir dir = ShortTempDir.create(); FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"))) {
            kubelet.setPods(
                    pod("ml", "train-0", container("trainer", "nvidia.com/gpu", "GPU-11111111-1111-1111-1111-111111111111")),
                    pod("ml", "infer-0", container("server", "nvidia.com/mig-3g.40gb",
                            "MIG-a1a1a1a1-0000-0000-0000-000000000001")));
            try (AgentProcess agent = AgentProcess.start("--simulate=test-node", "--naming=dcgm", "--kubernetes=false",
                    "--node-name=gpu-node-7", "--pod-resources-socket=" + kubelet.socket())) {
                String target = "127.0.0.1:" + agent.port;
                Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                        global:
                          scrape_interval: 1s
                        scrape_configs:
                          - job_name: dcgm-exporter
                            static_configs:
                              - targets: ['%s']
                        """.formatted(target));
                try (RealPrometheus prometheus = RealPrometheus.start(dir.path(), config)) {
                    awaitData(prometheus, "DCGM_FI_DEV_FB_USED{pod=\"infer-0\"}");
                    // a few scrapes since the holders' labels arrived, for rate()
                    awaitData(prometheus, "count_over_time(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{pod=\"train-0\"}[1m]) >= 3");

                    // the variables: label_values(DCGM_FI_DEV_GPU_TEMP, instance), then gpu for that instance
                    List<String> instances = labelValues(prometheus, "instance", "DCGM_FI_DEV_GPU_TEMP");
                    assertThat(instances).containsExactly(target);
                    List<String> gpus = labelValues(prometheus, "gpu", "DCGM_FI_DEV_GPU_TEMP{instance=~\"" + target + "\"}");
                    assertThat(gpus).containsExactly("0", "1", "2");

                    // each panel, with one GPU chosen and with "All" (Grafana's multi-value regex)
                    for (String gpu : List.of("0", "0|1|2", ".*")) {
                        for (String panel : DASHBOARD) {
                            String q = panel.replace("$instance", target).replace("$gpu", gpu);
                            assertThat(prometheus.query(q).path("result")).as(q).isNotEmpty();
                        }
                    }

                    // dcgm-exporter's units and labels
                    JsonNode temp = one(prometheus, "DCGM_FI_DEV_GPU_TEMP{gpu=\"0\"}");
                    assertThat(temp.path("metric").path("UUID").asText()).isEqualTo("GPU-11111111-1111-1111-1111-111111111111");
                    assertThat(temp.path("metric").path("device").asText()).isEqualTo("nvidia0");
                    assertThat(temp.path("metric").path("modelName").asText()).isEqualTo("NVIDIA A100-SXM4-40GB");
                    assertThat(temp.path("metric").path("Hostname").asText()).isEqualTo("gpu-node-7");
                    assertThat(temp.path("metric").path("pci_bus_id").asText()).isEqualTo("00000000:07:00.0");
                    assertThat(temp.path("metric").path("DCGM_FI_DRIVER_VERSION").asText()).isEqualTo("535.261.03");
                    assertThat(temp.path("metric").path("pod").asText()).isEqualTo("train-0");
                    assertThat(temp.path("metric").path("namespace").asText()).isEqualTo("ml");
                    assertThat(temp.path("metric").path("container").asText()).isEqualTo("trainer");
                    assertThat(value(temp)).isEqualTo(62);
                    assertThat(value(one(prometheus, "DCGM_FI_DEV_POWER_USAGE{gpu=\"0\"}"))).isEqualTo(215.0);
                    assertThat(value(one(prometheus, "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\"}"))).isEqualTo(75);
                    assertThat(value(one(prometheus, "DCGM_FI_DEV_FB_USED{gpu=\"0\"}"))).isEqualTo(10240); // MiB
                    assertThat(value(one(prometheus, "DCGM_FI_DEV_SM_CLOCK{gpu=\"0\"} * 1000000"))).isEqualTo(1.41e9);
                    assertThat(value(one(prometheus, "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{gpu=\"0\"}"))).isEqualTo(123456789);
                    assertThat(value(one(prometheus, "DCGM_FI_DEV_XID_ERRORS{gpu=\"0\"}"))).isEqualTo(48); // test-node's XID
                    assertThat(value(one(prometheus, "DCGM_FI_DEV_XID_ERRORS{gpu=\"2\"}"))).isZero();
                    // a MIG instance: its parent's gpu/UUID/device, plus GPU_I_ID and GPU_I_PROFILE, and its holder
                    JsonNode mig = one(prometheus, "DCGM_FI_DEV_FB_USED{GPU_I_ID=\"1\"}");
                    assertThat(mig.path("metric").path("gpu").asText()).isEqualTo("1");
                    assertThat(mig.path("metric").path("UUID").asText()).isEqualTo("GPU-22222222-2222-2222-2222-222222222222");
                    assertThat(mig.path("metric").path("GPU_I_PROFILE").asText()).isEqualTo("3g.40gb");
                    assertThat(mig.path("metric").path("pod").asText()).isEqualTo("infer-0");
                    // no native device family in this mode; the agent's own and the allocation families stay
                    assertThat(prometheus.query("gpu_temperature_celsius").path("result")).isEmpty();
                    assertThat(prometheus.query("gpu_allocation_info{pod=\"train-0\"}").path("result")).hasSize(1);
                    assertThat(prometheus.query("gpu_agent_nvml_up == 1").path("result")).hasSize(1);
                    // rate() over dcgm's counters works as it did on dcgm-exporter
                    String rate = "rate(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION[1m])";
                    assertThat(prometheus.query(rate).path("result")).as(rate + " / samples: "
                            + prometheus.query("count_over_time(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION[1m])")).isNotEmpty();
                }
            }
        }
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
