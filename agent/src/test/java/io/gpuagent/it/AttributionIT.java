package io.gpuagent.it;

import static io.gpuagent.kubelet.FakeKubelet.container;
import static io.gpuagent.kubelet.FakeKubelet.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.kubelet.FakeKubelet;
import io.gpuagent.kubelet.ShortTempDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent on the simulator's test-node, pointed at a real gRPC pod-resources server on a
 * unix socket: labels of exclusively held GPUs and MIG instances, every holder of a shared GPU, no
 * List per scrape, and the kubelet going away and coming back.
 */
class AttributionIT {

    static final String G0 = "GPU-11111111-1111-1111-1111-111111111111";
    static final String G1 = "GPU-22222222-2222-2222-2222-222222222222";
    static final String G2 = "GPU-33333333-3333-3333-3333-333333333333";
    static final String MIG_A = "MIG-a1a1a1a1-0000-0000-0000-000000000001";

    static void node(FakeKubelet kubelet) {
        kubelet.setPods(
                pod("ml", "train-0", container("main", "nvidia.com/gpu", G0), container("sidecar", "cpu")),
                pod("serve", "infer-a", container("server", "nvidia.com/mig-3g.40gb", MIG_A)),
                pod("serve", "infer-b", container("server", "nvidia.com/mig-2g.20gb", "MIG-" + G1 + "/2/0")),
                pod("shared", "x", container("app", "nvidia.com/gpu.shared", G2 + "::0")),
                pod("shared", "y", container("app", "nvidia.com/gpu.shared", G2 + "::1")),
                pod("other", "fpga", container("f", "example.com/fpga", "fpga0")));
    }

    static Exposition awaitMetrics(AgentProcess agent, Predicate<Exposition> until, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Exposition m = Exposition.parse(agent.get("/metrics").body());
        while (!until.test(m) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            m = Exposition.parse(agent.get("/metrics").body());
        }
        return m;
    }

    static boolean podResourcesUp(Exposition m) {
        return !m.find("gpu_agent_pod_resources_up").isEmpty() && m.value("gpu_agent_pod_resources_up") == 1
                && !m.find("gpu_allocation_info").isEmpty() && !m.find("gpu_up").isEmpty();
    }

    @Test
    void everyHolderIsAttributedAndScrapesNeverCallTheKubelet() throws Exception {
        try (ShortTempDir dir = ShortTempDir.create(); FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"))) {
            node(kubelet);
            try (AgentProcess agent = AgentProcess.start("--simulate=test-node", "--collect-interval=200ms",
                    "--pod-resources-socket=" + kubelet.socket())) {
                Exposition m = awaitMetrics(agent, AttributionIT::podResourcesUp, Duration.ofSeconds(20));
                assertThat(m.value("gpu_agent_pod_resources_up")).isEqualTo(1);

                // an exclusive full GPU: every series carries its holder
                assertThat(m.value("gpu_temperature_celsius", "gpu", "0", "namespace", "ml", "pod", "train-0", "container", "main"))
                        .isEqualTo(62);
                assertThat(m.find("gpu_info", "gpu", "0", "pod", "train-0")).hasSize(1);
                // exclusive MIG instances (MIG UUID and legacy form): their MIG series carry the holder, the parent does not
                assertThat(m.value("gpu_memory_used_bytes", "mig_uuid", MIG_A, "namespace", "serve", "pod", "infer-a",
                        "container", "server")).isEqualTo(8589934592.0);
                assertThat(m.find("gpu_memory_used_bytes", "gpu_instance_id", "2", "pod", "infer-b")).hasSize(1);
                assertThat(m.find("gpu_mig_mode_enabled", "gpu", "1").get(0).labels()).doesNotContainKey("pod");
                // a shared GPU: no holder on its series, every sharer in gpu_allocation_info
                assertThat(m.find("gpu_temperature_celsius", "gpu", "2").get(0).labels()).doesNotContainKey("pod");
                assertThat(m.find("gpu_allocation_info", "uuid", G2)).extracting(s -> s.labels().get("pod") + "/" + s.labels().get("replica"))
                        .containsExactlyInAnyOrder("x/0", "y/1");
                assertThat(m.find("gpu_allocation_info", "uuid", G2, "pod", "x").get(0).labels())
                        .containsEntry("resource", "nvidia.com/gpu.shared").containsEntry("namespace", "shared");
                assertThat(m.find("gpu_allocation_info")).hasSize(5);

                int before = kubelet.listCalls();
                long start = System.nanoTime();
                for (int i = 0; i < 50; i++) {
                    assertThat(agent.get("/metrics").statusCode()).isEqualTo(200);
                }
                long took = System.nanoTime() - start;
                int during = kubelet.listCalls() - before;
                assertThat(took).as("50 scrapes").isLessThan(Duration.ofSeconds(5).toNanos());
                // at most the refresh schedule's own call (every 5 s) fell into that window; none per scrape
                assertThat(during).isLessThanOrEqualTo(1 + (int) (took / Duration.ofSeconds(5).toNanos()));

                // protobuf and gRPC loaded, and the log still starts with the agent's own line: no JDK warnings
                // (a terminally deprecated sun.misc.Unsafe method, restricted native access) before or after it
                String log = agent.stderr();
                assertThat(log.lines().findFirst().orElse("")).as(log).contains("INFO io.gpuagent: starting:");
                assertThat(log).as(log).doesNotContain("WARNING: ").doesNotContain("sun.misc.Unsafe");
            }
        }
    }

    @Test
    void theKubeletRestartingLosesAttributionForNoLongerThanARefreshPeriod() throws Exception {
        try (ShortTempDir dir = ShortTempDir.create()) {
            Path socket = dir.resolve("kubelet.sock");
            FakeKubelet kubelet = FakeKubelet.start(socket);
            node(kubelet);
            try (AgentProcess agent = AgentProcess.start("--simulate=test-node", "--collect-interval=200ms",
                    "--pod-resources-socket=" + socket)) {
                assertThat(podResourcesUp(awaitMetrics(agent, AttributionIT::podResourcesUp, Duration.ofSeconds(20)))).isTrue();

                kubelet.stop(); // the kubelet goes away and removes its socket
                Exposition down = awaitMetrics(agent, m -> m.value("gpu_agent_pod_resources_up") == 0, Duration.ofSeconds(15));
                assertThat(down.value("gpu_agent_pod_resources_up")).isZero();
                // a briefly absent kubelet does not blank attribution
                assertThat(down.find("gpu_temperature_celsius", "gpu", "0", "pod", "train-0")).hasSize(1);

                kubelet = FakeKubelet.start(socket);
                node(kubelet);
                long back = System.nanoTime();
                Exposition up = awaitMetrics(agent, AttributionIT::podResourcesUp, Duration.ofSeconds(15));
                assertThat(up.value("gpu_agent_pod_resources_up")).isEqualTo(1);
                assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThanOrEqualTo(Duration.ofSeconds(6));
                assertThat(up.find("gpu_temperature_celsius", "gpu", "0", "pod", "train-0")).hasSize(1);
            } finally {
                kubelet.close();
            }
        }
    }

    @Test
    void noSocketAtStartMeansNoAttributionUntilItAppears() throws Exception {
        try (ShortTempDir dir = ShortTempDir.create()) {
            Path socket = dir.resolve("kubelet.sock");
            try (AgentProcess agent = AgentProcess.start("--simulate=test-node", "--collect-interval=200ms",
                    "--pod-resources-socket=" + socket)) {
                Exposition m = awaitMetrics(agent, x -> !x.find("gpu_up").isEmpty(), Duration.ofSeconds(15));
                assertThat(m.value("gpu_agent_pod_resources_up")).isZero();
                assertThat(m.find("gpu_allocation_info")).isEmpty();
                assertThat(m.value("gpu_temperature_celsius", "gpu", "0")).isEqualTo(62); // metrics go on
                assertThat(agent.get("/readyz").statusCode()).isEqualTo(200);

                try (FakeKubelet kubelet = FakeKubelet.start(socket)) {
                    node(kubelet);
                    Exposition up = awaitMetrics(agent, AttributionIT::podResourcesUp, Duration.ofSeconds(15));
                    assertThat(up.find("gpu_temperature_celsius", "gpu", "0", "pod", "train-0")).hasSize(1);
                }
            }
        }
    }
}
