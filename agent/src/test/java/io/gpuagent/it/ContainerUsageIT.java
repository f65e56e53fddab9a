package io.gpuagent.it;

import static io.gpuagent.kubelet.FakeKubelet.container;
import static io.gpuagent.kubelet.FakeKubelet.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.kubelet.FakeKubelet;
import io.gpuagent.kubelet.ShortTempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent on the simulator's time-sliced scenario with a fixture /proc (--proc-root) and a
 * real gRPC pod-resources server: per-container usage series, zero rows for idle holders, host
 * processes, and the opt-in per-process series.
 */
class ContainerUsageIT {

    static final String SHARED = "GPU-44444444-4444-4444-4444-444444444444";
    static final String MIG_1 = "MIG-c3c3c3c3-0000-0000-0000-000000000001";

    static void process(Path proc, long pid, String cgroup) throws Exception {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("cgroup"), cgroup);
        Files.writeString(dir.resolve("stat"), pid + " (python3) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 " + (100 + pid) + " 0\n");
    }

    @Test
    void usagePerContainerAndOptInPerProcessSeries() throws Exception {
        try (ShortTempDir dir = ShortTempDir.create(); FakeKubelet kubelet = FakeKubelet.start(dir.resolve("k.sock"))) {
            Path proc = Files.createDirectories(dir.resolve("proc"));
            process(proc, 4001, "0::/system.slice/jupyter.service\n"); // on the host, not in a pod
            process(proc, 5001, "0::/kubepods.slice/kubepods-pod11111111_2222_3333_4444_555555555555.slice/cri-containerd-"
                    + "a".repeat(64) + ".scope\n");
            kubelet.setPods(
                    pod("team", "pod-a", container("worker", "nvidia.com/gpu.shared", SHARED + "::0")),
                    pod("team", "pod-b", container("worker", "nvidia.com/gpu.shared", SHARED + "::1")),
                    pod("team", "pod-m", container("server", "nvidia.com/mig-3g.40gb", MIG_1)));
            try (AgentProcess agent = AgentProcess.start("--simulate=time-sliced", "--collect-interval=200ms",
                    "--pod-resources-socket=" + kubelet.socket(), "--proc-root=" + proc, "--kubernetes=off",
                    "--process-metrics")) {
                Exposition m = AttributionIT.awaitMetrics(agent,
                        x -> !x.find("gpu_container_processes", "pod", "pod-m").isEmpty(), Duration.ofSeconds(20));

                // the MIG instance is pod-m's alone: its process is pod-m's
                assertThat(m.value("gpu_container_memory_used_bytes", "mig_uuid", MIG_1, "pod", "pod-m", "container", "server"))
                        .isEqualTo(5368709120.0);
                assertThat(m.value("gpu_container_processes", "mig_uuid", MIG_1, "pod", "pod-m")).isEqualTo(1);
                assertThat(m.find("gpu_container_sm_utilization_ratio", "mig_uuid", MIG_1)).isEmpty(); // MIG: NVML cannot say
                // the shared GPU: holders whose processes cannot be named here show 0 ...
                assertThat(m.value("gpu_container_memory_used_bytes", "uuid", SHARED, "pod", "pod-a")).isZero();
                assertThat(m.value("gpu_container_sm_utilization_ratio", "uuid", SHARED, "pod", "pod-b")).isZero();
                // ... the host process is the host's, the others unknown (no Kubernetes API to name them)
                assertThat(m.value("gpu_container_memory_used_bytes", "uuid", SHARED, "container", "host")).isEqualTo(6442450944.0);
                assertThat(m.value("gpu_container_sm_utilization_ratio", "uuid", SHARED, "container", "host")).isEqualTo(0.6);
                assertThat(m.value("gpu_container_processes", "uuid", SHARED, "container", "unknown")).isEqualTo(2);
                // opt-in per-process series
                assertThat(m.value("gpu_process_memory_used_bytes", "pid", "4002")).isEqualTo(1073741824.0);
                assertThat(m.value("gpu_process_sm_utilization_ratio", "pid", "4001", "container", "host")).isEqualTo(0.6);
            }
        }
    }

    @Test
    void perProcessSeriesAreOffByDefault() throws Exception {
        try (AgentProcess agent = AgentProcess.start("--simulate=time-sliced", "--collect-interval=200ms", "--kubernetes=off")) {
            Exposition m = AttributionIT.awaitMetrics(agent, x -> !x.find("gpu_container_processes").isEmpty(),
                    Duration.ofSeconds(20));
            assertThat(m.find("gpu_process_memory_used_bytes")).isEmpty();
            assertThat(m.find("gpu_container_processes")).isNotEmpty();
        }
    }
}
