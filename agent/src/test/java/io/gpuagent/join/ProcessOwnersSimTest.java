package io.gpuagent.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.cgroup.PodContainer;
import io.gpuagent.cgroup.ProcessCgroups;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.TestGpus;
import io.gpuagent.gpu.NvmlOpener;
import io.gpuagent.kubelet.Allocations;
import io.gpuagent.kubelet.ContainerAllocation;
import io.gpuagent.kubelet.GpuResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From NVML's processes (real bindings, simulated library) through {@code <proc-root>/<pid>/cgroup}
 * (a fixture tree) to containers: a time-sliced GPU split by pod, a malformed cgroup file costing one
 * process its attribution and nothing more, a host process.
 */
class ProcessOwnersSimTest {

    static final String SHARED = "GPU-44444444-4444-4444-4444-444444444444";
    static final String CA = "a".repeat(64);
    static final String CB = "b".repeat(64);
    static final String UID_A = "11111111-2222-3333-4444-555555555555";
    static final String UID_B = "66666666-7777-8888-9999-000000000000";

    @TempDir
    Path proc;

    void process(long pid, String cgroup) throws Exception {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("cgroup"), cgroup);
        Files.writeString(dir.resolve("stat"), pid + " (python3) S 1 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 "
                + (1000 + pid) + " 0 0\n");
    }

    static String systemd(String uid, String container) {
        return "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + uid.replace('-', '_')
                + ".slice/cri-containerd-" + container + ".scope\n";
    }

    @Test
    void processesAreAttributedThroughTheirCgroups() throws Exception {
        process(4001, systemd(UID_A, CA));
        process(4002, systemd(UID_B, CB));
        process(4003, "this is not a cgroup file\n\0\0");
        Map<String, ProcessOwner> byContainer = Map.of(CA, new ProcessOwner("team", "pod-a", "worker"),
                CB, new ProcessOwner("team", "pod-b", "worker"));
        ProcessOwners owners = new ProcessOwners(new ProcessCgroups(proc),
                (PodContainer pc) -> pc.containerId().map(byContainer::get));

        TestGpus source = new TestGpus(NvmlOpener.simulator("time-sliced"));
        try {
            source.collect();
            GpuSnapshot snapshot = source.state().latest().orElseThrow();
            owners.update(Optional.of(snapshot));
            Attribution shared = Attribution.resolve(snapshot, Allocations.from(List.of(
                    new ContainerAllocation("team", "pod-a", "worker", List.of(new ContainerAllocation.DeviceGroup(
                            "nvidia.com/gpu.shared", List.of(SHARED + "::0"))), List.of()),
                    new ContainerAllocation("team", "pod-b", "worker", List.of(new ContainerAllocation.DeviceGroup(
                            "nvidia.com/gpu.shared", List.of(SHARED + "::1"))), List.of())), GpuResources.defaults()));
            Map<Long, ProcessOwner> current = owners.current();
            List<ContainerUsage.Row> rows = ContainerUsage.of(snapshot, shared, pid -> Optional.ofNullable(current.get(pid)));

            ContainerUsage.Row a = row(rows, SHARED, "pod-a");
            assertThat(a.memoryBytes()).isEqualTo(6442450944L);
            assertThat(a.smRatio()).hasValue(0.60);
            ContainerUsage.Row b = row(rows, SHARED, "pod-b");
            assertThat(b.memoryBytes()).isEqualTo(1073741824L);
            assertThat(b.smRatio()).hasValue(0.10);
            // 4003's cgroup is garbage: only it is unattributed (a shared GPU has no single holder to fall back to)
            ContainerUsage.Row unknown = rows.stream().filter(r -> r.owner().equals(ProcessOwner.UNKNOWN)).findFirst().orElseThrow();
            assertThat(unknown.processes()).isEqualTo(1);
            assertThat(unknown.memoryBytes()).isEqualTo(2147483648L);
            // MIG processes 5001/5002 have no /proc entry here: no owner, no holder → unknown on their instances
            assertThat(current).doesNotContainKeys(5001L, 5002L);

            // a process outside any pod is the host's
            process(4003, "0::/system.slice/sshd.service\n");
            owners.update(Optional.of(snapshot)); // same snapshot: not re-resolved
            assertThat(owners.current()).doesNotContainKey(4003L);
            source.collect();
            owners.update(source.state().latest());
            assertThat(owners.current()).containsEntry(4003L, ProcessOwner.HOST);
        } finally {
            source.close();
        }
    }

    static ContainerUsage.Row row(List<ContainerUsage.Row> rows, String uuid, String pod) {
        return rows.stream().filter(r -> r.gpu().uuid().equals(uuid) && r.mig().isEmpty() && r.owner().pod().equals(pod))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + pod + " in " + rows));
    }
}
