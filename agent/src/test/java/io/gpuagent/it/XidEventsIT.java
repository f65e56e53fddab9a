package io.gpuagent.it;

import static io.gpuagent.kubelet.FakeKubelet.container;
import static io.gpuagent.kubelet.FakeKubelet.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.gpuagent.kubelet.FakeKubelet;
import io.gpuagent.kubelet.ShortTempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * XIDs where people look: the simulated driver reports XIDs, the agent posts Kubernetes Events (fabric8's mock
 * API server) on the pod holding the GPU or on the Node, and a storm of 1,000 XIDs in a second is a bounded number
 * of writes.
 */
class XidEventsIT {

    static final String NODE = "gpu-node-3";
    static final String G0 = "GPU-00000000-0000-0000-0000-0000000000a0";

    private static Path scenario(Path dir, int storm) throws Exception {
        StringBuilder s = new StringBuilder("""
                [gpu]
                name = NVIDIA H100 80GB HBM3
                uuid = %s
                [gpu]
                name = NVIDIA H100 80GB HBM3
                [event]
                gpu = 1
                xid = 79
                at = 2
                """.formatted(G0));
        for (int i = 0; i < storm; i++) { // a storm within one second
            s.append(String.format(Locale.ROOT, "[event]%ngpu = 0%nxid = 13%nat = %.3f%n", 2 + i / (double) storm));
        }
        return Files.writeString(dir.resolve("xids.conf"), s);
    }

    @Test
    void anXidBecomesAnEventOnTheHoldingPodAndAStormIsCoalesced() throws Exception {
        try (ShortTempDir dir = ShortTempDir.create();
                FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"));
                FakeKubernetesApi api = FakeKubernetesApi.start()) {
            kubelet.setPods(pod("ml", "train-0", container("trainer", "nvidia.com/gpu", G0)));
            try (AgentProcess agent = AgentProcess.start(api.env(dir.path()), "--simulate=" + scenario(dir.path(), 1000),
                    "--kubernetes=on", "--node-name=" + NODE, "--pod-resources-socket=" + kubelet.socket())) {
                Exposition m = AttributionIT.awaitMetrics(agent,
                        x -> !x.find("gpu_xid_errors_total", "gpu", "0", "xid", "13").isEmpty()
                                && x.value("gpu_xid_errors_total", "gpu", "0", "xid", "13") == 1000
                                && x.value("gpu_agent_kubernetes_event_writes_total", "outcome", "created") == 2,
                        Duration.ofSeconds(30));
                assertThat(m.value("gpu_xid_errors_total", "gpu", "0", "xid", "13")).isEqualTo(1000);
                Thread.sleep(3000); // any further write would come within a few flushes

                List<Event> onPods = api.client().v1().events().inNamespace("ml").list().getItems();
                assertThat(onPods).as("stderr: %s", agent.stderr()).hasSize(1);
                Event e = onPods.get(0);
                assertThat(e.getReason()).isEqualTo("GpuXidError");
                assertThat(e.getType()).isEqualTo("Warning");
                assertThat(e.getInvolvedObject().getKind()).isEqualTo("Pod");
                assertThat(e.getInvolvedObject().getName()).isEqualTo("train-0");
                assertThat(e.getInvolvedObject().getNamespace()).isEqualTo("ml");
                assertThat(e.getMessage()).startsWith("XID 13 on GPU 0 (" + G0 + "): graphics engine exception")
                        .contains("Recommended action: check the application's logs");
                assertThat(e.getCount()).isBetween(1, 1000);
                assertThat(e.getSource().getComponent()).isEqualTo("gpu-agent");
                assertThat(e.getSource().getHost()).isEqualTo(NODE);

                // no pod holds GPU 1: its XID goes on the Node
                List<Event> onNode = api.client().v1().events().inNamespace("default").list().getItems();
                assertThat(onNode).hasSize(1);
                assertThat(onNode.get(0).getInvolvedObject().getKind()).isEqualTo("Node");
                assertThat(onNode.get(0).getInvolvedObject().getName()).isEqualTo(NODE);
                assertThat(onNode.get(0).getMessage()).contains("XID 79 on GPU 1").contains("fallen off the bus");

                // 1,001 XIDs, two Events; count updates come at most every 30 s per Event
                Exposition after = Exposition.parse(agent.get("/metrics").body());
                assertThat(after.value("gpu_agent_kubernetes_event_writes_total", "outcome", "created")).isEqualTo(2);
                assertThat(after.value("gpu_agent_kubernetes_event_writes_total", "outcome", "updated")).isZero();
                assertThat(after.value("gpu_agent_kubernetes_event_writes_total", "outcome", "failed")).isZero();
            }
        }
    }

    @Test
    void theOffSwitchPostsNothing() throws Exception {
        try (ShortTempDir dir = ShortTempDir.create();
                FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"));
                FakeKubernetesApi api = FakeKubernetesApi.start()) {
            try (AgentProcess agent = AgentProcess.start(api.env(dir.path()), "--simulate=" + scenario(dir.path(), 1),
                    "--kubernetes=on", "--node-name=" + NODE, "--pod-resources-socket=" + kubelet.socket(),
                    "--xid-events=false")) {
                AttributionIT.awaitMetrics(agent, x -> !x.find("gpu_xid_errors_total", "gpu", "1").isEmpty(),
                        Duration.ofSeconds(30));
                Thread.sleep(2000);
                assertThat(api.client().v1().events().inAnyNamespace().list().getItems()).isEmpty();
                assertThat(Exposition.parse(agent.get("/metrics").body()).find("gpu_agent_kubernetes_event_writes_total"))
                        .isEmpty();
            }
        }
    }
}
