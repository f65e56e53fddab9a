package io.gpuagent.bench;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.FieldValues;
import io.gpuagent.cgroup.ProcessCgroups;
import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.ProcessReading;
import io.gpuagent.join.Attribution;
import io.gpuagent.join.ContainerUsage;
import io.gpuagent.join.ProcessOwner;
import io.gpuagent.join.ProcessOwners;
import io.gpuagent.kubelet.Allocations;
import io.gpuagent.kubelet.ContainerAllocation;
import io.gpuagent.kubelet.GpuResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of attributing GPU processes to containers per collection: {@code processes} processes on 8
 * time-sliced GPUs held by 64 containers, each with a real cgroup file in a /proc-shaped tree on disk.
 * {@code owners} = resolving every pid through its cgroup (steady state: cached by pid and start time,
 * so a stat per process); {@code usage} = summing per device and container for the exposition.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AttributionBenchmark {

    @Param({"200"})
    public int processes;

    private Path proc;
    private ProcessOwners owners;
    private GpuSnapshot[] snapshots;
    private int next;
    private Attribution attribution;

    @Setup(Level.Trial)
    public void build() throws IOException {
        proc = Files.createTempDirectory("bench-proc");
        Map<String, ProcessOwner> byContainer = new HashMap<>();
        List<GpuReading> gpus = new ArrayList<>();
        List<ContainerAllocation> holders = new ArrayList<>();
        for (int g = 0; g < 8; g++) {
            GpuIdentity id = new GpuIdentity(g, String.format("GPU-%08d-0000-0000-0000-000000000000", g), "NVIDIA H100",
                    String.format("00000000:%02X:00.0", g + 1), OptionalLong.of(g));
            gpus.add(new GpuReading(id, true, FieldValues.builder().put(DeviceField.UTILIZATION_GPU, 50L).build()));
        }
        List<ProcessReading> readings = new ArrayList<>();
        for (int c = 0; c < 64; c++) {
            String container = String.format("%064x", c + 1);
            String uid = String.format("%08x-0000-4000-8000-%012x", c, c);
            ProcessOwner owner = new ProcessOwner("ns", "pod-" + c, "main");
            byContainer.put(container, owner);
            int gpu = c % 8;
            holders.add(new ContainerAllocation("ns", owner.pod(), "main", List.of(new ContainerAllocation.DeviceGroup(
                    "nvidia.com/gpu.shared", List.of(gpus.get(gpu).identity().uuid() + "::" + c))), List.of()));
        }
        for (int p = 0; p < processes; p++) {
            int c = p % 64;
            long pid = 10_000 + p;
            Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
            String uid = String.format("%08x-0000-4000-8000-%012x", c, c);
            Files.writeString(dir.resolve("cgroup"), "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
                    + uid.replace('-', '_') + ".slice/cri-containerd-" + String.format("%064x", c + 1) + ".scope\n");
            Files.writeString(dir.resolve("stat"), pid + " (python3) S 1 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 "
                    + (5000 + pid) + " 0 0\n");
            readings.add(new ProcessReading(c % 8, OptionalInt.empty(), OptionalInt.empty(), pid,
                    OptionalLong.of(1L << 30), OptionalInt.of(p % 100)));
        }
        owners = new ProcessOwners(new ProcessCgroups(proc), pc -> pc.containerId().map(byContainer::get));
        // a new snapshot object each time, as each collection makes one (owners resolve once per snapshot)
        snapshots = new GpuSnapshot[16];
        for (int i = 0; i < snapshots.length; i++) {
            snapshots[i] = new GpuSnapshot("535", "12.2", gpus, List.of(), Map.of(), readings);
        }
        attribution = Attribution.resolve(snapshots[0], Allocations.from(holders, GpuResources.defaults()));
        owners.update(Optional.of(snapshots[0]));
        if (owners.current().size() != processes) {
            throw new IllegalStateException("fixture: resolved " + owners.current().size() + " of " + processes);
        }
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        try (Stream<Path> files = Files.walk(proc)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Map<Long, ProcessOwner> owners() {
        owners.update(Optional.of(snapshots[next++ & 15]));
        return owners.current();
    }

    @Benchmark
    public List<ContainerUsage.Row> usage() {
        Map<Long, ProcessOwner> current = owners.current();
        return ContainerUsage.of(snapshots[0], attribution, pid -> Optional.ofNullable(current.get(pid)));
    }
}
