package io.gpuagent.export;

import io.gpuagent.gpu.GpuField;
import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.gpu.MigReading;
import io.gpuagent.join.Attribution;
import io.gpuagent.kubelet.Allocation;
import io.gpuagent.nvml.GpmMetric;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongToDoubleFunction;

/**
 * The device families under dcgm-exporter's names, units and labels ({@code --naming=dcgm}), so dashboards,
 * alerts and autoscaling queries written for dcgm-exporter keep working. Values come from the same readings as
 * the native families; only names, units and labels differ.
 *
 * <p>dcgm-exporter's two counters (energy, PCIe replays) carry no {@code _total} suffix, which the OpenMetrics
 * and Prometheus client naming rules would add to a counter: they are exposed untyped under their exact names,
 * which is what queries depend on ({@code rate()} works on them as before).
 */
public final class DcgmNaming {

    private static final long MIB = 1024 * 1024;

    /** One dcgm field: its name, help (dcgm-exporter's wording of the meaning), reading and unit conversion. */
    record Field(String name, String help, GpuField field, LongToDoubleFunction convert, boolean counter, boolean mig) {
    }

    static final List<Field> FIELDS = List.of(
            new Field("DCGM_FI_DEV_SM_CLOCK", "SM clock frequency (in MHz).", GpuField.CLOCK_SM, v -> v, false, false),
            new Field("DCGM_FI_DEV_MEM_CLOCK", "Memory clock frequency (in MHz).", GpuField.CLOCK_MEMORY, v -> v, false, false),
            new Field("DCGM_FI_DEV_GPU_TEMP", "GPU temperature (in C).", GpuField.TEMPERATURE, v -> v, false, false),
            new Field("DCGM_FI_DEV_MEMORY_TEMP", "Memory temperature (in C).", GpuField.MEMORY_TEMPERATURE, v -> v, false,
                    false),
            new Field("DCGM_FI_DEV_POWER_USAGE", "Power draw (in W).", GpuField.POWER_USAGE, v -> v / 1000.0, false, false),
            new Field("DCGM_FI_DEV_POWER_MGMT_LIMIT", "Power management limit (in W).", GpuField.POWER_LIMIT, v -> v / 1000.0,
                    false, false),
            new Field("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "Total energy consumption since boot (in mJ).",
                    GpuField.ENERGY, v -> v, true, false),
            new Field("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "Total number of PCIe retries.", GpuField.PCIE_REPLAYS, v -> v,
                    true, false),
            new Field("DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).", GpuField.UTILIZATION_GPU, v -> v, false, false),
            new Field("DCGM_FI_DEV_MEM_COPY_UTIL", "Memory utilization (in %).", GpuField.UTILIZATION_MEMORY, v -> v,
                    false, false),
            new Field("DCGM_FI_DEV_ENC_UTIL", "Encoder utilization (in %).", GpuField.ENCODER_UTILIZATION, v -> v, false,
                    false),
            new Field("DCGM_FI_DEV_DEC_UTIL", "Decoder utilization (in %).", GpuField.DECODER_UTILIZATION, v -> v, false,
                    false),
            new Field("DCGM_FI_DEV_XID_ERRORS", "Value of the last XID error encountered.", GpuField.LAST_XID, v -> v,
                    false, false),
            new Field("DCGM_FI_DEV_FB_TOTAL", "Total framebuffer memory (in MiB).", GpuField.MEMORY_TOTAL, v -> v / MIB,
                    false, true),
            new Field("DCGM_FI_DEV_FB_FREE", "Framebuffer memory free (in MiB).", GpuField.MEMORY_FREE, v -> v / MIB,
                    false, true),
            new Field("DCGM_FI_DEV_FB_USED", "Framebuffer memory used (in MiB).", GpuField.MEMORY_USED, v -> v / MIB,
                    false, true),
            new Field("DCGM_FI_DEV_FB_RESERVED", "Framebuffer memory reserved (in MiB).", GpuField.MEMORY_RESERVED,
                    v -> v / MIB, false, true),
            new Field("DCGM_FI_DEV_PSTATE", "Performance state (P-State) 0-15. 0=highest.", GpuField.PERFORMANCE_STATE,
                    v -> v, false, false),
            new Field("DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", "Throttle reasons bitmask.", GpuField.CLOCK_EVENT_REASONS,
                    v -> v, false, false),
            new Field("DCGM_FI_DEV_ECC_SBE_AGG_TOTAL", "Total single-bit persistent ECC errors.", GpuField.ECC_CORRECTED,
                    v -> v, true, false),
            new Field("DCGM_FI_DEV_ECC_DBE_AGG_TOTAL", "Total double-bit persistent ECC errors.", GpuField.ECC_UNCORRECTED,
                    v -> v, true, false),
            new Field("DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", "Number of remapped rows for correctable errors.",
                    GpuField.REMAPPED_ROWS_CORRECTABLE, v -> v, true, false),
            new Field("DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", "Number of remapped rows for uncorrectable errors.",
                    GpuField.REMAPPED_ROWS_UNCORRECTABLE, v -> v, true, false),
            new Field("DCGM_FI_DEV_ROW_REMAP_PENDING", "Whether row remapping is pending (1) or not (0).",
                    GpuField.REMAPPED_ROWS_PENDING, v -> v, false, false),
            new Field("DCGM_FI_DEV_ROW_REMAP_FAILURE", "Whether remapping of rows has failed (1) or not (0).",
                    GpuField.REMAPPED_ROWS_FAILURE, v -> v, false, false),
            new Field("DCGM_FI_DEV_RETIRED_SBE", "Total number of retired pages due to single-bit errors.",
                    GpuField.RETIRED_PAGES_SINGLE_BIT, v -> v, true, false),
            new Field("DCGM_FI_DEV_RETIRED_DBE", "Total number of retired pages due to double-bit errors.",
                    GpuField.RETIRED_PAGES_DOUBLE_BIT, v -> v, true, false),
            new Field("DCGM_FI_DEV_RETIRED_PENDING", "Whether pages are pending retirement (1) or not (0).",
                    GpuField.RETIRED_PAGES_PENDING, v -> v, false, false),
            new Field("DCGM_FI_DEV_POWER_VIOLATION", "Throttling duration due to power constraints (in us).",
                    GpuField.VIOLATION_POWER, v -> v / 1000, true, false),
            new Field("DCGM_FI_DEV_THERMAL_VIOLATION", "Throttling duration due to thermal constraints (in us).",
                    GpuField.VIOLATION_THERMAL, v -> v / 1000, true, false),
            new Field("DCGM_FI_DEV_SYNC_BOOST_VIOLATION", "Throttling duration due to sync-boost constraints (in us).",
                    GpuField.VIOLATION_SYNC_BOOST, v -> v / 1000, true, false),
            new Field("DCGM_FI_DEV_BOARD_LIMIT_VIOLATION", "Throttling duration due to board limit constraints (in us).",
                    GpuField.VIOLATION_BOARD_LIMIT, v -> v / 1000, true, false),
            new Field("DCGM_FI_DEV_LOW_UTIL_VIOLATION", "Throttling duration due to low utilization (in us).",
                    GpuField.VIOLATION_LOW_UTILIZATION, v -> v / 1000, true, false),
            new Field("DCGM_FI_DEV_RELIABILITY_VIOLATION", "Throttling duration due to reliability constraints (in us).",
                    GpuField.VIOLATION_RELIABILITY, v -> v / 1000, true, false),
            new Field("DCGM_FI_DEV_FAN_SPEED", "Fan speed (in 0-100%) of the first fan.", GpuField.FAN_SPEED_0, v -> v,
                    false, false));

    /** A profiling field from NVML GPM (Hopper and newer); values in NVML's units, percent or MiB/s. */
    record ProfField(String name, String help, GpmMetric metric, double factor) {
    }

    private static final double PERCENT = 0.01;
    private static final double MIB_PER_SECOND = 1024 * 1024;

    static final List<ProfField> PROF_FIELDS = List.of(
            new ProfField("DCGM_FI_PROF_GR_ENGINE_ACTIVE", "Ratio of time the graphics engine is active.",
                    GpmMetric.GRAPHICS_ACTIVITY, PERCENT),
            new ProfField("DCGM_FI_PROF_SM_ACTIVE", "Ratio of cycles an SM has at least one warp assigned.",
                    GpmMetric.SM_ACTIVITY, PERCENT),
            new ProfField("DCGM_FI_PROF_SM_OCCUPANCY", "Ratio of warps resident on an SM to the maximum.",
                    GpmMetric.SM_OCCUPANCY, PERCENT),
            new ProfField("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", "Ratio of cycles the tensor pipes are active.",
                    GpmMetric.TENSOR_ACTIVITY, PERCENT),
            new ProfField("DCGM_FI_PROF_DRAM_ACTIVE", "Ratio of cycles the device memory interface is active.",
                    GpmMetric.DRAM_ACTIVITY, PERCENT),
            new ProfField("DCGM_FI_PROF_PCIE_TX_BYTES", "PCIe bytes transmitted per second (headers and payload).",
                    GpmMetric.PCIE_TX, MIB_PER_SECOND),
            new ProfField("DCGM_FI_PROF_PCIE_RX_BYTES", "PCIe bytes received per second (headers and payload).",
                    GpmMetric.PCIE_RX, MIB_PER_SECOND),
            new ProfField("DCGM_FI_PROF_NVLINK_TX_BYTES", "NVLink bytes transmitted per second.", GpmMetric.NVLINK_TX,
                    MIB_PER_SECOND),
            new ProfField("DCGM_FI_PROF_NVLINK_RX_BYTES", "NVLink bytes received per second.", GpmMetric.NVLINK_RX,
                    MIB_PER_SECOND));

    /** An NVLink error counter summed over a GPU's links, as dcgm-exporter's *_ERROR_COUNT_TOTAL fields are. */
    record NvLinkField(String name, String help, io.gpuagent.nvml.NvLinkError counter) {
    }

    static final List<NvLinkField> NVLINK_FIELDS = List.of(
            new NvLinkField("DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL",
                    "Total number of NVLink flow-control CRC errors.", io.gpuagent.nvml.NvLinkError.CRC_FLIT),
            new NvLinkField("DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL", "Total number of NVLink data CRC errors.",
                    io.gpuagent.nvml.NvLinkError.CRC_DATA),
            new NvLinkField("DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL", "Total number of NVLink retries.",
                    io.gpuagent.nvml.NvLinkError.REPLAY),
            new NvLinkField("DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL", "Total number of NVLink recovery errors.",
                    io.gpuagent.nvml.NvLinkError.RECOVERY));

    private DcgmNaming() {
    }

    /**
     * @param hostname the {@code Hostname} label: the node name, as dcgm-exporter sets it in a cluster
     */
    public static List<MetricSnapshot> render(GpuSnapshot s, Attribution attribution, String hostname) {
        Labeler labeler = new Labeler(s.driverVersion(), hostname, attribution);
        List<MetricSnapshot> out = new ArrayList<>();
        for (Field f : FIELDS) {
            List<Point> points = new ArrayList<>();
            for (GpuReading g : s.gpus()) {
                // dcgm-exporter reports XID value 0 while none came
                OptionalLong v = g.value(f.field());
                if (f.field() == GpuField.LAST_XID && v.isEmpty() && g.up()) {
                    v = OptionalLong.of(0);
                }
                v.ifPresent(x -> points.add(new Point(labeler.of(g), f.convert().applyAsDouble(x))));
            }
            if (f.mig()) {
                for (MigReading m : s.migs()) {
                    m.value(f.field()).ifPresent(x -> points.add(new Point(labeler.of(m), f.convert().applyAsDouble(x))));
                }
            }
            add(out, f.name(), f.help(), f.counter(), points);
        }
        for (NvLinkField f : NVLINK_FIELDS) {
            List<Point> points = new ArrayList<>();
            for (GpuReading g : s.gpus()) {
                g.nvlinkErrorsTotal(f.counter()).ifPresent(x -> points.add(new Point(labeler.of(g), x)));
            }
            add(out, f.name(), f.help(), true, points);
        }
        for (ProfField f : PROF_FIELDS) {
            List<Point> points = new ArrayList<>();
            for (GpuReading g : s.gpus()) {
                g.gpm(f.metric()).ifPresent(x -> points.add(new Point(labeler.of(g), x * f.factor())));
            }
            for (MigReading m : s.migs()) {
                m.gpm(f.metric()).ifPresent(x -> points.add(new Point(labeler.of(m), x * f.factor())));
            }
            add(out, f.name(), f.help(), false, points);
        }
        return out;
    }

    /** One family of {@code points}, untyped for dcgm's counters (see the class comment); none without points. */
    private static void add(List<MetricSnapshot> out, String name, String help, boolean untyped, List<Point> points) {
        if (points.isEmpty()) {
            return;
        }
        if (untyped) {
            UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(name).help(help);
            points.forEach(p -> b.dataPoint(UnknownDataPointSnapshot.builder().labels(p.labels()).value(p.value()).build()));
            out.add(b.build());
        } else {
            GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
            points.forEach(p -> b.dataPoint(GaugeDataPointSnapshot.builder().labels(p.labels()).value(p.value()).build()));
            out.add(b.build());
        }
    }

    /** The labels of a GPU's or a MIG instance's series in one snapshot. */
    private record Labeler(String driverVersion, String hostname, Attribution attribution) {
        Labels of(GpuReading g) {
            return labels(g.identity(), Optional.empty(), driverVersion, hostname,
                    attribution.exclusiveHolder(g.identity().uuid()));
        }

        Labels of(MigReading m) {
            return labels(m.identity().parent(), Optional.of(m.identity()), driverVersion, hostname,
                    attribution.exclusiveHolder(m.identity().migUuid()));
        }
    }

    /**
     * dcgm-exporter's label set: {@code gpu}, {@code UUID} and {@code device} of the GPU (a MIG instance's series
     * keep its parent's and add {@code GPU_I_ID} and {@code GPU_I_PROFILE}), {@code pci_bus_id}, {@code modelName},
     * {@code Hostname}, {@code DCGM_FI_DRIVER_VERSION}, and the holder's {@code container}, {@code namespace},
     * {@code pod} on exclusively allocated devices.
     */
    static Labels labels(GpuIdentity gpu, Optional<MigIdentity> mig, String driverVersion, String hostname,
            Optional<Allocation.Holder> holder) {
        Labels l = Labels.of("gpu", Integer.toString(gpu.index()), "UUID", gpu.uuid(), "pci_bus_id", gpu.pciBusId(),
                "device", "nvidia" + (gpu.minorNumber().isPresent() ? gpu.minorNumber().getAsLong() : gpu.index()),
                "modelName", gpu.model(), "Hostname", hostname, "DCGM_FI_DRIVER_VERSION", driverVersion);
        if (mig.isPresent()) {
            l = l.merge(Labels.of("GPU_I_ID", Integer.toString(mig.get().gpuInstanceId()),
                    "GPU_I_PROFILE", mig.get().profile()));
        }
        if (holder.isPresent()) {
            l = l.merge(Labels.of("container", holder.get().container(), "namespace", holder.get().namespace(),
                    "pod", holder.get().pod()));
        }
        return l;
    }

    private record Point(Labels labels, double value) {
    }
}
