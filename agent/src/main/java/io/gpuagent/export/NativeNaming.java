package io.gpuagent.export;

import static io.gpuagent.export.DeviceFamily.counter;
import static io.gpuagent.export.DeviceFamily.gauge;
import static io.gpuagent.export.DeviceFamily.part;

import io.gpuagent.gpu.GpuField;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.MigReading;
import io.gpuagent.join.Attribution;
import io.gpuagent.join.ContainerUsage;
import io.gpuagent.kubelet.Allocation;
import io.gpuagent.nvml.raw.nvml_h;
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
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The contract's native device families ({@code gpu_*}) from one GPU snapshot. Pure: no I/O, and a
 * family that cannot be built is left out rather than failing the scrape.
 */
public final class NativeNaming {

    private static final Unit WATTS = new Unit("watts");
    private static final Unit HERTZ = new Unit("hertz");
    private static final Unit BYTES_PER_SECOND = new Unit("bytes_per_second");

    /** NVML reports PCIe throughput in KB/s (KiB, as nvidia-smi does). */
    private static final double KIB = 1024;

    static final List<DeviceFamily> FAMILIES = List.of(
            gauge("gpu_utilization_ratio", "Fraction of the last sample period in which a kernel ran on the GPU.",
                    Unit.RATIO, GpuField.UTILIZATION_GPU, v -> v / 100),
            gauge("gpu_memory_utilization_ratio", "Fraction of the last sample period in which device memory was read or written.",
                    Unit.RATIO, GpuField.UTILIZATION_MEMORY, v -> v / 100),
            gauge("gpu_memory_total_bytes", "Total framebuffer memory.", Unit.BYTES, GpuField.MEMORY_TOTAL, v -> v).withMig(),
            gauge("gpu_memory_used_bytes", "Framebuffer memory allocated (excluding reserved where the driver reports it).",
                    Unit.BYTES, GpuField.MEMORY_USED, v -> v).withMig(),
            gauge("gpu_memory_free_bytes", "Framebuffer memory not allocated.", Unit.BYTES, GpuField.MEMORY_FREE, v -> v).withMig(),
            gauge("gpu_memory_reserved_bytes", "Framebuffer memory reserved by the driver and firmware.",
                    Unit.BYTES, GpuField.MEMORY_RESERVED, v -> v).withMig(),
            gauge("gpu_temperature_celsius", "GPU core temperature.", Unit.CELSIUS, GpuField.TEMPERATURE, v -> v),
            gauge("gpu_memory_temperature_celsius", "Device memory (HBM) temperature.", Unit.CELSIUS,
                    GpuField.MEMORY_TEMPERATURE, v -> v),
            gauge("gpu_power_watts", "Power draw of the GPU board.", WATTS, GpuField.POWER_USAGE, v -> v / 1000),
            gauge("gpu_power_limit_watts", "Enforced power limit.", WATTS, GpuField.POWER_LIMIT, v -> v / 1000),
            counter("gpu_energy_joules", "Energy consumed since the driver was loaded.", Unit.JOULES, GpuField.ENERGY,
                    v -> v / 1000),
            new DeviceFamily("gpu_clock_hertz", "Current clock frequency.", HERTZ, false, false, List.of(
                    part(GpuField.CLOCK_SM, "clock", "sm", v -> v * 1e6),
                    part(GpuField.CLOCK_MEMORY, "clock", "memory", v -> v * 1e6))),
            gauge("gpu_performance_state", "Performance state (P-state) number, 0 is the highest.", null,
                    GpuField.PERFORMANCE_STATE, v -> v),
            gauge("gpu_encoder_utilization_ratio", "Video encoder utilization.", Unit.RATIO, GpuField.ENCODER_UTILIZATION,
                    v -> v / 100),
            gauge("gpu_decoder_utilization_ratio", "Video decoder utilization.", Unit.RATIO, GpuField.DECODER_UTILIZATION,
                    v -> v / 100),
            new DeviceFamily("gpu_pcie_throughput_bytes_per_second", "PCIe throughput over NVML's 20 ms sample.",
                    BYTES_PER_SECOND, false, false, List.of(
                    part(GpuField.PCIE_TX, "direction", "tx", v -> v * KIB),
                    part(GpuField.PCIE_RX, "direction", "rx", v -> v * KIB))),
            counter("gpu_pcie_replay_errors", "PCIe replays (link-level retransmissions).", null, GpuField.PCIE_REPLAYS,
                    v -> v),
            new DeviceFamily("gpu_ecc_errors", "ECC errors over the GPU's life (aggregate counters).", null, true, false,
                    List.of(part(GpuField.ECC_CORRECTED, "type", "corrected", v -> v),
                            part(GpuField.ECC_UNCORRECTED, "type", "uncorrected", v -> v))),
            gauge("gpu_mig_mode_enabled", "1 when MIG mode is enabled.", null, GpuField.MIG_MODE, v -> v),
            new DeviceFamily("gpu_remapped_rows", "Device memory rows remapped so far, by the kind of error that caused it"
                    + " (Ampere and newer).", null, false, false, List.of(
                    part(GpuField.REMAPPED_ROWS_CORRECTABLE, "type", "correctable", v -> v),
                    part(GpuField.REMAPPED_ROWS_UNCORRECTABLE, "type", "uncorrectable", v -> v))),
            gauge("gpu_remapped_rows_pending", "1 while a row remapping waits for the next GPU reset.", null,
                    GpuField.REMAPPED_ROWS_PENDING, v -> v),
            gauge("gpu_remapped_rows_failure", "1 once a row remapping has failed (the GPU needs service).", null,
                    GpuField.REMAPPED_ROWS_FAILURE, v -> v),
            new DeviceFamily("gpu_retired_pages", "Device memory pages retired (or pending retirement) over the GPU's"
                    + " life, by cause (before Ampere).", null, false, false, List.of(
                    part(GpuField.RETIRED_PAGES_SINGLE_BIT, "cause", "single_bit", v -> v),
                    part(GpuField.RETIRED_PAGES_DOUBLE_BIT, "cause", "double_bit", v -> v))),
            gauge("gpu_retired_pages_pending", "1 while pages wait to be retired at the next driver reload.", null,
                    GpuField.RETIRED_PAGES_PENDING, v -> v),
            new DeviceFamily("gpu_clock_event_seconds", "Time a limiter held the GPU below its application clocks since"
                    + " the driver loaded (NVML violation time), by limiter.", Unit.SECONDS, true, false, List.of(
                    part(GpuField.VIOLATION_POWER, "reason", "power", v -> v / 1e9),
                    part(GpuField.VIOLATION_THERMAL, "reason", "thermal", v -> v / 1e9),
                    part(GpuField.VIOLATION_SYNC_BOOST, "reason", "sync_boost", v -> v / 1e9),
                    part(GpuField.VIOLATION_BOARD_LIMIT, "reason", "board_limit", v -> v / 1e9),
                    part(GpuField.VIOLATION_LOW_UTILIZATION, "reason", "low_utilization", v -> v / 1e9),
                    part(GpuField.VIOLATION_RELIABILITY, "reason", "reliability", v -> v / 1e9))),
            new DeviceFamily("gpu_fan_speed_ratio", "Intended fan speed, fraction of the fan's maximum (may exceed 1);"
                    + " boards with fans of their own only.", Unit.RATIO, false, false, List.of(
                    part(GpuField.FAN_SPEED_0, "fan", "0", v -> v / 100),
                    part(GpuField.FAN_SPEED_1, "fan", "1", v -> v / 100),
                    part(GpuField.FAN_SPEED_2, "fan", "2", v -> v / 100),
                    part(GpuField.FAN_SPEED_3, "fan", "3", v -> v / 100))));

    /** Clock event (throttle) reason bits and their label values. */
    static final Map<Long, String> CLOCK_EVENT_REASONS = Map.of(
            nvml_h.nvmlClocksThrottleReasonGpuIdle(), "gpu_idle",
            nvml_h.nvmlClocksThrottleReasonApplicationsClocksSetting(), "applications_clocks_setting",
            nvml_h.nvmlClocksThrottleReasonSwPowerCap(), "sw_power_cap",
            nvml_h.nvmlClocksThrottleReasonHwSlowdown(), "hw_slowdown",
            nvml_h.nvmlClocksThrottleReasonSyncBoost(), "sync_boost",
            nvml_h.nvmlClocksThrottleReasonSwThermalSlowdown(), "sw_thermal",
            nvml_h.nvmlClocksThrottleReasonHwThermalSlowdown(), "hw_thermal",
            nvml_h.nvmlClocksThrottleReasonHwPowerBrakeSlowdown(), "hw_power_brake",
            nvml_h.nvmlClocksThrottleReasonDisplayClockSetting(), "display_clock_setting");

    private NativeNaming() {
    }

    public static List<MetricSnapshot> render(GpuSnapshot s) {
        return render(s, Attribution.NONE);
    }

    /** The device families, with the holders of exclusively allocated devices on their series. */
    public static List<MetricSnapshot> render(GpuSnapshot s, Attribution attribution) {
        return render(s, attribution, h -> Map.of());
    }

    /**
     * @param podLabels the allowlisted pod labels ({@code label_*}) of a holder, for gpu_allocation_info;
     *     must not block
     */
    public static List<MetricSnapshot> render(GpuSnapshot s, Attribution attribution,
            Function<Allocation.Holder, Map<String, String>> podLabels) {
        return render(s, attribution, podLabels, ContainerUsage.of(s, attribution, pid -> java.util.Optional.empty()));
    }

    /** @param usage per-container usage of each device ({@link ContainerUsage}) */
    public static List<MetricSnapshot> render(GpuSnapshot s, Attribution attribution,
            Function<Allocation.Holder, Map<String, String>> podLabels, List<ContainerUsage.Row> usage) {
        return render(s, attribution, podLabels, usage, List.of());
    }

    /** @param perProcess the opt-in per-process series (--process-metrics); empty when off */
    public static List<MetricSnapshot> render(GpuSnapshot s, Attribution attribution,
            Function<Allocation.Holder, Map<String, String>> podLabels, List<ContainerUsage.Row> usage,
            List<ContainerUsage.ProcessRow> perProcess) {
        GpuLabels labels = new GpuLabels(attribution);
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(info(s, labels));
        out.add(up(s, labels));
        for (DeviceFamily f : FAMILIES) {
            MetricSnapshot m = family(f, s, labels);
            if (m != null) {
                out.add(m);
            }
        }
        out.addAll(GpmFamilies.render(s, labels));
        out.add(clockEvents(s, labels));
        MetricSnapshot nvlink = nvlinkErrors(s, labels);
        if (nvlink != null) {
            out.add(nvlink);
        }
        out.add(xids(s, labels));
        out.add(allocations(attribution, podLabels));
        out.addAll(containerUsage(usage));
        if (!perProcess.isEmpty()) {
            out.addAll(processes(perProcess));
        }
        return out;
    }

    /**
     * What dcgm naming keeps of the native families, having no equivalent of them: {@code gpu_up} (a lost GPU),
     * {@code gpu_allocation_info} (every holder of a shared device) and the per-container usage.
     */
    public static List<MetricSnapshot> companions(GpuSnapshot s, Attribution attribution,
            Function<Allocation.Holder, Map<String, String>> podLabels, List<ContainerUsage.Row> usage,
            List<ContainerUsage.ProcessRow> perProcess) {
        GpuLabels labels = new GpuLabels(attribution);
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(up(s, labels));
        out.add(allocations(attribution, podLabels));
        out.addAll(containerUsage(usage));
        if (!perProcess.isEmpty()) {
            out.addAll(processes(perProcess));
        }
        return out;
    }

    private static List<MetricSnapshot> processes(List<ContainerUsage.ProcessRow> rows) {
        GaugeSnapshot.Builder memory = GaugeSnapshot.builder().name("gpu_process_memory_used_bytes")
                .help("Framebuffer memory used by one process (opt-in, --process-metrics).").unit(Unit.BYTES);
        GaugeSnapshot.Builder sm = GaugeSnapshot.builder().name("gpu_process_sm_utilization_ratio")
                .help("SM utilization of one process since the last collection (opt-in, --process-metrics).")
                .unit(Unit.RATIO);
        for (ContainerUsage.ProcessRow r : rows) {
            Labels l = (r.mig().isPresent() ? GpuLabels.device(r.mig().get()) : GpuLabels.device(r.gpu()))
                    .merge(Labels.of("namespace", r.owner().namespace(), "pod", r.owner().pod(),
                            "container", r.owner().container(), "pid", Long.toString(r.pid())));
            r.memoryBytes().ifPresent(v -> memory.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(v).build()));
            r.smRatio().ifPresent(v -> sm.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(v).build()));
        }
        return List.of(memory.build(), sm.build());
    }

    private static List<MetricSnapshot> containerUsage(List<ContainerUsage.Row> usage) {
        GaugeSnapshot.Builder memory = GaugeSnapshot.builder().name("gpu_container_memory_used_bytes")
                .help("Framebuffer memory used by a container's processes on a GPU or MIG instance.").unit(Unit.BYTES);
        GaugeSnapshot.Builder sm = GaugeSnapshot.builder().name("gpu_container_sm_utilization_ratio")
                .help("SM utilization of a container's processes on a GPU, from NVML's per-process samples.")
                .unit(Unit.RATIO);
        GaugeSnapshot.Builder processes = GaugeSnapshot.builder().name("gpu_container_processes")
                .help("Processes of a container on a GPU or MIG instance.");
        for (ContainerUsage.Row r : usage) {
            Labels l = (r.mig().isPresent() ? GpuLabels.device(r.mig().get()) : GpuLabels.device(r.gpu()))
                    .merge(Labels.of("namespace", r.owner().namespace(), "pod", r.owner().pod(),
                            "container", r.owner().container()));
            memory.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(r.memoryBytes()).build());
            processes.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(r.processes()).build());
            r.smRatio().ifPresent(v -> sm.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(v).build()));
        }
        return List.of(memory.build(), sm.build(), processes.build());
    }

    private static MetricSnapshot allocations(Attribution attribution,
            Function<Allocation.Holder, Map<String, String>> podLabels) {
        InfoSnapshot.Builder b = InfoSnapshot.builder().name("gpu_allocation")
                .help("One per allocated GPU or MIG instance and container holding it (all holders of a shared device).");
        Set<Labels> seen = new HashSet<>();
        for (Attribution.Holding h : attribution.holdings()) {
            Labels l = (h.mig().isPresent() ? GpuLabels.device(h.mig().get()) : GpuLabels.device(h.gpu()))
                    .merge(GpuLabels.holder(h.holder())).add("resource", h.resource());
            if (h.replica().isPresent()) {
                l = l.add("replica", Integer.toString(h.replica().getAsInt()));
            }
            Map<String, String> extra = podLabels.apply(h.holder());
            if (!extra.isEmpty()) {
                l = l.merge(Labels.of(new ArrayList<>(extra.keySet()), new ArrayList<>(extra.values())));
            }
            if (seen.add(l)) {
                b.dataPoint(InfoDataPointSnapshot.builder().labels(l).build());
            }
        }
        return b.build();
    }

    private static MetricSnapshot info(GpuSnapshot s, GpuLabels labels) {
        InfoSnapshot.Builder b = InfoSnapshot.builder().name("gpu").help("GPU identity, driver and CUDA driver versions.");
        for (GpuReading g : s.gpus()) {
            b.dataPoint(InfoDataPointSnapshot.builder().labels(labels.of(g.identity()).merge(
                    Labels.of("driver_version", s.driverVersion(), "cuda_driver_version", s.cudaDriverVersion()))).build());
        }
        return b.build();
    }

    private static MetricSnapshot up(GpuSnapshot s, GpuLabels labels) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name("gpu_up")
                .help("1 while the GPU answered the last collection, 0 after it failed (e.g. GPU lost).");
        for (GpuReading g : s.gpus()) {
            b.dataPoint(GaugeDataPointSnapshot.builder().labels(labels.of(g.identity())).value(g.up() ? 1 : 0).build());
        }
        return b.build();
    }

    private static MetricSnapshot family(DeviceFamily f, GpuSnapshot s, GpuLabels labels) {
        List<Point> points = new ArrayList<>();
        for (GpuReading g : s.gpus()) {
            for (DeviceFamily.Part p : f.parts()) {
                OptionalLong v = g.value(p.field());
                v.ifPresent(x -> points.add(new Point(withPart(labels.of(g.identity()), p), p.convert().applyAsDouble(x))));
            }
        }
        if (f.mig()) {
            for (MigReading m : s.migs()) {
                for (DeviceFamily.Part p : f.parts()) {
                    m.value(p.field()).ifPresent(x -> points.add(
                            new Point(withPart(labels.of(m.identity()), p), p.convert().applyAsDouble(x))));
                }
            }
        }
        if (points.isEmpty()) {
            return null;
        }
        if (f.counter()) {
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(f.name()).help(f.help());
            if (f.unit() != null) {
                b.unit(f.unit());
            }
            points.forEach(p -> b.dataPoint(CounterDataPointSnapshot.builder().labels(p.labels()).value(p.value()).build()));
            return b.build();
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(f.name()).help(f.help());
        if (f.unit() != null) {
            b.unit(f.unit());
        }
        points.forEach(p -> b.dataPoint(GaugeDataPointSnapshot.builder().labels(p.labels()).value(p.value()).build()));
        return b.build();
    }

    private static MetricSnapshot clockEvents(GpuSnapshot s, GpuLabels labels) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name("gpu_clock_event_active")
                .help("1 while the reason holds the GPU's clocks down (clock event / throttle reasons).");
        for (GpuReading g : s.gpus()) {
            g.value(GpuField.CLOCK_EVENT_REASONS).ifPresent(mask -> CLOCK_EVENT_REASONS.forEach((bit, reason) ->
                    b.dataPoint(GaugeDataPointSnapshot.builder()
                            .labels(labels.of(g.identity()).add("reason", reason))
                            .value((mask & bit) != 0 ? 1 : 0).build())));
        }
        return b.build();
    }

    /** NVLink error counters' label values. */
    static final Map<io.gpuagent.nvml.NvLinkError, String> NVLINK_ERROR_TYPES = Map.of(
            io.gpuagent.nvml.NvLinkError.CRC_FLIT, "crc_flit",
            io.gpuagent.nvml.NvLinkError.CRC_DATA, "crc_data",
            io.gpuagent.nvml.NvLinkError.REPLAY, "replay",
            io.gpuagent.nvml.NvLinkError.RECOVERY, "recovery");

    private static MetricSnapshot nvlinkErrors(GpuSnapshot s, GpuLabels labels) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name("gpu_nvlink_errors")
                .help("NVLink data-link errors per link since the counters were last reset: CRC errors of received"
                        + " flow-control digits and data, transmit replays and recoveries.");
        boolean any = false;
        for (GpuReading g : s.gpus()) {
            for (Map.Entry<Integer, Map<io.gpuagent.nvml.NvLinkError, Long>> link : g.nvlinkErrors().entrySet()) {
                for (Map.Entry<io.gpuagent.nvml.NvLinkError, Long> c : link.getValue().entrySet()) {
                    b.dataPoint(CounterDataPointSnapshot.builder().labels(labels.of(g.identity())
                            .add("link", Integer.toString(link.getKey())).add("type", NVLINK_ERROR_TYPES.get(c.getKey())))
                            .value(c.getValue()).build());
                    any = true;
                }
            }
        }
        return any ? b.build() : null;
    }

    private static MetricSnapshot xids(GpuSnapshot s, GpuLabels labels) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name("gpu_xid_errors")
                .help("XID errors reported by the driver since the agent started watching, by XID.");
        for (GpuReading g : s.gpus()) {
            Map<Long, Long> perXid = s.xidErrors().getOrDefault(g.identity().index(), Map.of());
            perXid.forEach((xid, n) -> b.dataPoint(CounterDataPointSnapshot.builder()
                    .labels(labels.of(g.identity()).add("xid", Long.toString(xid))).value(n).build()));
        }
        return b.build();
    }

    private static Labels withPart(Labels labels, DeviceFamily.Part p) {
        return p.labelName() == null ? labels : labels.add(p.labelName(), p.labelValue());
    }

    private record Point(Labels labels, double value) {
    }
}
