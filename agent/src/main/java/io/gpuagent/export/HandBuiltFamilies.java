package io.gpuagent.export;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.join.Attribution;
import io.gpuagent.join.ContainerUsage;
import io.gpuagent.join.ProcessOwner;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The device families built by hand rather than from the catalog ({@link io.gpuagent.catalog.DeviceField}),
 * all in this one place. Both namings serve {@link #common} with native labels (dcgm-exporter has no equivalent
 * of them): {@code gpu_up} (a lost GPU), {@code gpu_allocation_info} (every holder of a device, shared ones
 * too), the per-container usage, energy and GPU time ({@link AccountFamilies}) and the opt-in per-process series.
 * Native naming adds {@link #info} and {@link #xids}.
 */
final class HandBuiltFamilies {

    /** The families only native naming builds here, by the names {@code /metrics} shows. */
    static final List<String> NATIVE_NAMES = List.of("gpu_info", "gpu_xid_errors_total");
    /** The families both namings build here. */
    static final List<String> COMMON_NAMES = Stream.concat(Stream.of("gpu_up", "gpu_allocation_info",
            "gpu_container_memory_used_bytes", "gpu_container_sm_utilization_ratio", "gpu_container_processes",
            "gpu_process_memory_used_bytes", "gpu_process_sm_utilization_ratio"), AccountFamilies.NAMES.stream()).toList();
    private static final List<String> USAGE = COMMON_NAMES.subList(2, 5);
    private static final List<String> PROCESS = COMMON_NAMES.subList(5, 7);

    private HandBuiltFamilies() {
    }

    /** The common families that {@code families} leaves on. */
    static void common(DeviceView v, GpuLabels labels, FamilyFilter families, List<MetricSnapshot> out) {
        if (families.on("gpu_up")) {
            out.add(up(v, labels));
        }
        if (families.on("gpu_allocation_info")) {
            out.add(allocations(v));
        }
        if (!families.offAll(USAGE)) {
            containerUsage(v.usage(), out);
        }
        if (!families.offAll(AccountFamilies.NAMES)) {
            AccountFamilies.render(v.accounts(), families, out);
        }
        if (!v.perProcess().isEmpty() && !families.offAll(PROCESS)) {
            processes(v.perProcess(), out);
        }
    }

    /**
     * The catalog rows these families need read although no naming shows them: the per-container SM utilization
     * shows 0 for an idle holder only on a GPU whose utilization NVML reports.
     */
    static java.util.Set<DeviceField> reads(FamilyFilter families) {
        java.util.Set<DeviceField> out = EnumSet.noneOf(DeviceField.class);
        if (families.on("gpu_container_sm_utilization_ratio")) {
            out.add(DeviceField.UTILIZATION_GPU);
        }
        if (!families.offAll(AccountFamilies.NAMES)) { // the energy split's inputs
            out.addAll(AccountFamilies.READS);
        }
        return out;
    }

    /** {@code gpu_info}: identity, driver and CUDA driver versions; {@code gpus} the GPUs' labels in snapshot order. */
    static MetricSnapshot info(GpuSnapshot s, Labels[] gpus) {
        InfoSnapshot.Builder b = InfoSnapshot.builder().name("gpu").help("GPU identity, driver and CUDA driver versions.");
        Labels versions = Labels.of("driver_version", s.driverVersion(), "cuda_driver_version", s.cudaDriverVersion());
        for (Labels g : gpus) {
            b.dataPoint(InfoDataPointSnapshot.builder().labels(g.merge(versions)).build());
        }
        return b.build();
    }

    /** {@code gpu_xid_errors_total}: XIDs counted since the agent started watching, by GPU and XID. */
    static MetricSnapshot xids(GpuSnapshot s, Labels[] gpus) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name("gpu_xid_errors")
                .help("XID errors reported by the driver since the agent started watching, by XID.");
        for (int i = 0; i < gpus.length; i++) {
            Map<Long, Long> perXid = s.xidErrors().getOrDefault(s.gpus().get(i).identity().index(), Map.of());
            Labels l = gpus[i];
            perXid.forEach((xid, n) -> b.dataPoint(CounterDataPointSnapshot.builder()
                    .labels(l.add("xid", Long.toString(xid))).value(n).build()));
        }
        return b.build();
    }

    private static MetricSnapshot up(DeviceView v, GpuLabels labels) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name("gpu_up")
                .help("1 while the GPU answered the last collection, 0 after it failed (e.g. GPU lost).");
        for (GpuReading g : v.snapshot().gpus()) {
            b.dataPoint(GaugeDataPointSnapshot.builder().labels(labels.of(g.identity())).value(g.up() ? 1 : 0).build());
        }
        return b.build();
    }

    private static MetricSnapshot allocations(DeviceView v) {
        InfoSnapshot.Builder b = InfoSnapshot.builder().name("gpu_allocation")
                .help("One per allocated GPU or MIG instance and container holding it (all holders of a shared device).");
        Set<Labels> seen = new HashSet<>();
        for (Attribution.Holding h : v.attribution().holdings()) {
            Labels l = (h.mig().isPresent() ? GpuLabels.device(h.mig().get()) : GpuLabels.device(h.gpu()))
                    .merge(GpuLabels.holder(h.holder())).add("resource", h.resource());
            if (h.replica().isPresent()) {
                l = l.add("replica", Integer.toString(h.replica().getAsInt()));
            }
            Map<String, String> extra = v.podLabels().apply(h.holder());
            if (!extra.isEmpty()) {
                l = l.merge(Labels.of(new ArrayList<>(extra.keySet()), new ArrayList<>(extra.values())));
            }
            if (seen.add(l)) {
                b.dataPoint(InfoDataPointSnapshot.builder().labels(l).build());
            }
        }
        return b.build();
    }

    /** A device's labels and the container its usage belongs to. */
    private static Labels owned(Labels device, ProcessOwner owner) {
        return device.merge(Labels.of("namespace", owner.namespace(), "pod", owner.pod(), "container", owner.container()));
    }

    private static void containerUsage(List<ContainerUsage.Row> usage, List<MetricSnapshot> out) {
        GaugeSnapshot.Builder memory = GaugeSnapshot.builder().name("gpu_container_memory_used_bytes")
                .help("Framebuffer memory used by a container's processes on a GPU or MIG instance.").unit(Unit.BYTES);
        GaugeSnapshot.Builder sm = GaugeSnapshot.builder().name("gpu_container_sm_utilization_ratio")
                .help("SM utilization of a container's processes on a GPU, from NVML's per-process samples.")
                .unit(Unit.RATIO);
        GaugeSnapshot.Builder processes = GaugeSnapshot.builder().name("gpu_container_processes")
                .help("Processes of a container on a GPU or MIG instance.");
        for (ContainerUsage.Row r : usage) {
            Labels l = owned(r.mig().isPresent() ? GpuLabels.device(r.mig().get()) : GpuLabels.device(r.gpu()), r.owner());
            memory.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(r.memoryBytes()).build());
            processes.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(r.processes()).build());
            r.smRatio().ifPresent(x -> sm.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(x).build()));
        }
        out.add(memory.build());
        out.add(sm.build());
        out.add(processes.build());
    }

    private static void processes(List<ContainerUsage.ProcessRow> rows, List<MetricSnapshot> out) {
        GaugeSnapshot.Builder memory = GaugeSnapshot.builder().name("gpu_process_memory_used_bytes")
                .help("Framebuffer memory used by one process (opt-in, --process-metrics).").unit(Unit.BYTES);
        GaugeSnapshot.Builder sm = GaugeSnapshot.builder().name("gpu_process_sm_utilization_ratio")
                .help("SM utilization of one process since the last collection (opt-in, --process-metrics).")
                .unit(Unit.RATIO);
        for (ContainerUsage.ProcessRow r : rows) {
            Labels l = owned(r.mig().isPresent() ? GpuLabels.device(r.mig().get()) : GpuLabels.device(r.gpu()), r.owner())
                    .add("pid", Long.toString(r.pid()));
            r.memoryBytes().ifPresent(x -> memory.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(x).build()));
            r.smRatio().ifPresent(x -> sm.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(x).build()));
        }
        out.add(memory.build());
        out.add(sm.build());
    }
}
