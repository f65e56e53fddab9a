package io.gpuagent.bench;

import io.gpuagent.accounting.Accounts;
import io.gpuagent.accounting.Ledger;
import io.gpuagent.export.AgentCollector;
import io.gpuagent.catalog.DeviceField;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.GpuSource;
import io.gpuagent.source.SourceRunner;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.gpu.MigReading;
import io.gpuagent.gpu.NvmlOpener;
import io.gpuagent.gpu.ProcessReading;
import io.gpuagent.join.ProcessOwner;
import io.gpuagent.kubelet.Allocations;
import io.gpuagent.kubelet.ContainerAllocation;
import io.gpuagent.kubelet.GpuResources;
import io.gpuagent.source.SourceState;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * The pods of the simulator's {@code large-node} scenario (issue 8), for the benchmarks that render it:
 * 64 pods holding its devices the way {@code dev/bench-large-node} lays them out. Each of the 28 MIG
 * instances is held by one pod ({@code nvidia.com/mig-1g.10gb}), each whole GPU but the last two by one
 * pod ({@code nvidia.com/gpu}), and the remaining pods time-slice the last two whole GPUs
 * ({@code nvidia.com/gpu.shared}, replicas {@code <uuid>::k}); one container per pod. Every GPU process
 * is owned by a holder of its device (round robin among the holders of a shared GPU), as the process
 * attribution would resolve it through /proc. The collector renders the energy and GPU-time accounts of two
 * collections a second apart.
 *
 * <p>{@code main} prints the node's shape for docs/performance.md: NVML calls per collection, series and
 * bytes of {@code /metrics} in each format.
 */
final class LargeNode {

    static final String SCENARIO = "large-node";
    static final int PODS = 64;

    /** The kubelet's allocations and the owners of the snapshot's processes. */
    record Fixture(Allocations allocations, Map<Long, ProcessOwner> owners) {
    }

    private LargeNode() {
    }

    static Fixture fixture(GpuSnapshot s) {
        List<ContainerAllocation> containers = new ArrayList<>();
        Map<String, List<ProcessOwner>> holders = new LinkedHashMap<>(); // device uuid → its holders
        int pod = 0;
        for (MigReading m : s.migs()) {
            MigIdentity id = m.identity();
            String name = pod < 16 ? "llm-" + (char) ('a' + pod % 4) + "-7d9f-" + pod : "embed-" + pod;
            hold(containers, holders, "inference", name, "nvidia.com/mig-" + id.profile(), id.migUuid(), id.migUuid());
            pod++;
        }
        List<GpuReading> whole = s.gpus().stream()
                .filter(g -> g.value(DeviceField.MIG_MODE).orElse(0) == 0).toList();
        List<GpuReading> shared = whole.subList(Math.max(0, whole.size() - 2), whole.size());
        for (GpuReading g : whole) {
            if (!shared.contains(g)) {
                hold(containers, holders, "training", "train-" + pod, "nvidia.com/gpu", g.identity().uuid(),
                        g.identity().uuid());
                pod++;
            }
        }
        for (int replica = 0; pod < PODS && !shared.isEmpty(); replica++, pod++) {
            String uuid = shared.get(replica % shared.size()).identity().uuid();
            hold(containers, holders, "notebooks", "nb-" + pod, "nvidia.com/gpu.shared",
                    uuid + "::" + replica / shared.size(), uuid);
        }

        Map<String, String> migUuids = new HashMap<>(); // "gpu/gi/ci" → MIG uuid
        for (MigReading m : s.migs()) {
            MigIdentity id = m.identity();
            migUuids.put(id.parent().index() + "/" + id.gpuInstanceId() + "/" + id.computeInstanceId(), id.migUuid());
        }
        Map<Integer, String> gpuUuids = new HashMap<>();
        s.gpus().forEach(g -> gpuUuids.put(g.identity().index(), g.identity().uuid()));
        Map<String, Integer> turn = new HashMap<>();
        Map<Long, ProcessOwner> owners = new HashMap<>();
        for (ProcessReading p : s.processes()) {
            String device = p.gpuInstanceId().isPresent() && p.computeInstanceId().isPresent()
                    ? migUuids.get(p.gpuIndex() + "/" + p.gpuInstanceId().getAsInt() + "/" + p.computeInstanceId().getAsInt())
                    : gpuUuids.get(p.gpuIndex());
            List<ProcessOwner> h = holders.get(device);
            if (h != null) {
                owners.put(p.pid(), h.get(turn.merge(device, 1, Integer::sum) % h.size()));
            }
        }
        return new Fixture(Allocations.from(containers, GpuResources.defaults()), Map.copyOf(owners));
    }

    private static void hold(List<ContainerAllocation> containers, Map<String, List<ProcessOwner>> holders,
            String namespace, String pod, String resource, String deviceId, String deviceUuid) {
        containers.add(new ContainerAllocation(namespace, pod, "main",
                List.of(new ContainerAllocation.DeviceGroup(resource, List.of(deviceId))), List.of()));
        holders.computeIfAbsent(deviceUuid, k -> new ArrayList<>()).add(new ProcessOwner(namespace, pod, "main"));
    }

    /**
     * Makes the collector the agent would build for {@code state}, with the fixture's pods for the large
     * node (built once, here, so that making a collector costs only the constructor).
     */
    static Supplier<AgentCollector> collectors(String scenario, SourceState<GpuSnapshot> state) {
        if (!SCENARIO.equals(scenario)) {
            return () -> AgentCollector.builder("bench").gpus(() -> state).build();
        }
        Fixture f = fixture(state.latest().orElseThrow());
        Optional<Allocations> allocations = Optional.of(f.allocations());
        Map<Long, ProcessOwner> owners = f.owners();
        // the accounts of two collections a second apart: every energy and GPU-time series is there to render
        long[] now = {0};
        Ledger ledger = new Ledger(() -> now[0]);
        ledger.update(state.latest().orElseThrow(), allocations, owners);
        now[0] = 1_000_000_000L;
        ledger.update(state.latest().orElseThrow(), allocations, owners);
        Accounts accounts = ledger.current();
        return () -> AgentCollector.builder("bench").gpus(() -> state).allocations(() -> allocations)
                .owners(() -> owners).accounts(() -> accounts).build();
    }

    /** Prints the shape of a scenario's collection and {@code /metrics}: {@code [scenario]}, default large-node. */
    public static void main(String[] args) throws IOException {
        String scenario = args.length > 0 ? args[0] : SCENARIO;
        GpuSource source = new GpuSource(NvmlOpener.simulator(scenario), Clock.systemUTC());
        SourceRunner<GpuSnapshot> runner = SourceRunner.manual(source, Clock.systemUTC());
        runner.refreshNow();
        int before = NvmlReplay.simulatorCalls();
        runner.refreshNow();
        int calls = NvmlReplay.simulatorCalls() - before;
        SourceState<GpuSnapshot> state = runner.state();
        source.close();
        GpuSnapshot s = state.latest().orElseThrow();
        System.out.printf("scenario %s: %d GPUs, %d MIG instances, %d processes; %d NVML calls per collection%n",
                scenario, s.gpus().size(), s.migs().size(), s.processes().size(), calls);
        if (SCENARIO.equals(scenario)) {
            Fixture f = fixture(s);
            System.out.printf("pods: %d holding %d device ids; %d processes with an owner%n",
                    f.allocations().devices().stream().map(a -> a.holder().pod()).distinct().count(),
                    f.allocations().devices().size(), f.owners().size());
        }
        MetricSnapshots m = collectors(scenario, state).get().collect();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, m);
        String text = out.toString(StandardCharsets.UTF_8);
        long series = text.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        System.out.printf("/metrics: %d families, %d series; text %d bytes", m.size(), series, out.size());
        out.reset();
        OpenMetricsTextFormatWriter.create().write(out, m);
        System.out.printf(", OpenMetrics %d bytes", out.size());
        out.reset();
        new PrometheusProtobufWriter().write(out, m);
        System.out.printf(", protobuf %d bytes", out.size());
        out.reset();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            PrometheusTextFormatWriter.create().write(gz, m);
        }
        System.out.printf(", gzip(text) %d bytes%n", out.size());
    }
}
