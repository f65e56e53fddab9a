package io.gpuagent.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.TestGpus;
import io.gpuagent.gpu.NvmlOpener;
import io.gpuagent.kubelet.Allocations;
import io.gpuagent.kubelet.ContainerAllocation;
import io.gpuagent.kubelet.GpuResources;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-container usage through the real NVML bindings on the simulated library (scenario time-sliced):
 * a GPU time-sliced between two pods is split by each pod's own processes, not copied to both.
 */
class ContainerUsageSimTest {

    static final String SHARED = "GPU-44444444-4444-4444-4444-444444444444";
    static final String MIG_1 = "MIG-c3c3c3c3-0000-0000-0000-000000000001";
    static final String MIG_2 = "MIG-d4d4d4d4-0000-0000-0000-000000000002";
    static final ProcessOwner A = new ProcessOwner("team", "pod-a", "worker");
    static final ProcessOwner B = new ProcessOwner("team", "pod-b", "worker");
    static final ProcessOwner C = new ProcessOwner("team", "pod-c", "server");

    static TestGpus source;
    static GpuSnapshot snapshot;

    @BeforeAll
    static void collect() {
        source = new TestGpus(NvmlOpener.simulator("time-sliced"));
        source.collect();
        snapshot = source.state().latest().orElseThrow(() -> new AssertionError(source.state().problem()));
    }

    @AfterAll
    static void close() {
        source.close();
    }

    static ContainerAllocation holds(ProcessOwner o, String resource, String... ids) {
        return new ContainerAllocation(o.namespace(), o.pod(), o.container(),
                List.of(new ContainerAllocation.DeviceGroup(resource, List.of(ids))), List.of());
    }

    static Map<String, ContainerUsage.Row> rows(Attribution a, Map<Long, ProcessOwner> owners) {
        Map<String, ContainerUsage.Row> out = new java.util.HashMap<>();
        for (ContainerUsage.Row r : ContainerUsage.of(snapshot, a, pid -> Optional.ofNullable(owners.get(pid)))) {
            out.put(r.mig().map(m -> m.migUuid()).orElse(r.gpu().uuid()) + "/" + r.owner().pod() + r.owner().container(), r);
        }
        return out;
    }

    @Test
    void aTimeSlicedGpuIsSplitByEachPodsOwnProcesses() {
        Attribution a = Attribution.resolve(snapshot, Allocations.from(List.of(
                holds(A, "nvidia.com/gpu.shared", SHARED + "::0"),
                holds(B, "nvidia.com/gpu.shared", SHARED + "::1"),
                holds(C, "nvidia.com/gpu.shared", SHARED + "::2")), GpuResources.defaults()));
        Map<String, ContainerUsage.Row> rows = rows(a, Map.of(4001L, A, 4003L, A, 4002L, B));

        ContainerUsage.Row podA = rows.get(SHARED + "/pod-aworker");
        assertThat(podA.memoryBytes()).isEqualTo(6442450944L + 2147483648L);
        assertThat(podA.smRatio()).hasValue(0.60 + 0.20);
        assertThat(podA.processes()).isEqualTo(2);
        ContainerUsage.Row podB = rows.get(SHARED + "/pod-bworker");
        assertThat(podB.memoryBytes()).isEqualTo(1073741824L);
        assertThat(podB.smRatio()).hasValue(0.10);
        assertThat(podB.processes()).isEqualTo(1);
        // a sharer running nothing shows 0, not the GPU's numbers
        ContainerUsage.Row podC = rows.get(SHARED + "/pod-cserver");
        assertThat(podC.memoryBytes()).isZero();
        assertThat(podC.smRatio()).hasValue(0.0);
        assertThat(podC.processes()).isZero();
    }

    @Test
    void migInstancesAreSplitByInstanceWithoutSmWhereNvmlCannotSay() {
        Attribution a = Attribution.resolve(snapshot, Allocations.from(List.of(
                holds(A, "nvidia.com/mig-3g.40gb", MIG_1), holds(B, "nvidia.com/mig-3g.40gb", MIG_2)), GpuResources.defaults()));
        // no owners resolved from /proc: processes on an exclusively held instance are its holder's
        Map<String, ContainerUsage.Row> rows = rows(a, Map.of());
        assertThat(rows.get(MIG_1 + "/pod-aworker").memoryBytes()).isEqualTo(5368709120L);
        assertThat(rows.get(MIG_2 + "/pod-bworker").memoryBytes()).isEqualTo(1073741824L);
        assertThat(rows.get(MIG_1 + "/pod-aworker").smRatio()).isEmpty();
        assertThat(rows.get(MIG_1 + "/pod-aworker").mig().orElseThrow().gpuInstanceId()).isEqualTo(1);
    }

    @Test
    void processesNobodyCanNameAreUnknownAndOnTheHostAreHost() {
        Attribution shared = Attribution.resolve(snapshot, Allocations.from(List.of(
                holds(A, "nvidia.com/gpu.shared", SHARED + "::0"), holds(B, "nvidia.com/gpu.shared", SHARED + "::1")),
                GpuResources.defaults()));
        Map<String, ContainerUsage.Row> rows = rows(shared, Map.of(4001L, ProcessOwner.HOST));
        assertThat(rows.get(SHARED + "/host").processes()).isEqualTo(1);
        assertThat(rows.get(SHARED + "/unknown").processes()).isEqualTo(2); // 4002 and 4003: shared GPU, no owner
    }
}
