package io.gpuagent.export;

import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.MigReading;
import io.gpuagent.nvml.GpmMetric;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The native GPM profiling families (NVML GPM, Hopper and newer): activities as ratios and PCIe/NVLink
 * traffic in bytes per second, each over the interval between two collections, per GPU and per MIG
 * instance (the instance's GPU instance). Declared as data like {@link NativeNaming#FAMILIES}; a family
 * with no series (no GPM GPU, or the first collection) is left out.
 */
final class GpmFamilies {

    private static final Unit BYTES_PER_SECOND = new Unit("bytes_per_second");
    /** GPM reports activities in percent. */
    private static final double PERCENT = 0.01;
    /** GPM reports PCIe and NVLink traffic in MiB/s. */
    private static final double MIB = 1024 * 1024;

    record Part(GpmMetric metric, String labelName, String labelValue, double factor) {
    }

    record Family(String name, String help, Unit unit, List<Part> parts) {
    }

    private static Family ratio(String name, String help, GpmMetric metric) {
        return new Family(name, help, Unit.RATIO, List.of(new Part(metric, null, null, PERCENT)));
    }

    private static Family traffic(String name, String help, GpmMetric tx, GpmMetric rx) {
        return new Family(name, help, BYTES_PER_SECOND,
                List.of(new Part(tx, "direction", "tx", MIB), new Part(rx, "direction", "rx", MIB)));
    }

    static final List<Family> FAMILIES = List.of(
            ratio("gpu_graphics_active_ratio",
                    "Fraction of the last collection interval in which a graphics or compute engine was active (GPM).",
                    GpmMetric.GRAPHICS_ACTIVITY),
            ratio("gpu_sm_active_ratio",
                    "Fraction of SMs busy, averaged over the last collection interval (GPM).", GpmMetric.SM_ACTIVITY),
            ratio("gpu_sm_occupancy_ratio",
                    "Resident warps as a fraction of the SMs' maximum, averaged over the last collection interval (GPM).",
                    GpmMetric.SM_OCCUPANCY),
            ratio("gpu_tensor_active_ratio",
                    "Fraction of the last collection interval in which the SMs ran tensor (any precision) operations (GPM).",
                    GpmMetric.TENSOR_ACTIVITY),
            ratio("gpu_dram_active_ratio",
                    "DRAM bandwidth used as a fraction of the maximum, averaged over the last collection interval (GPM).",
                    GpmMetric.DRAM_ACTIVITY),
            traffic("gpu_gpm_pcie_bytes_per_second",
                    "PCIe traffic averaged over the last collection interval (GPM; tx = from the GPU).",
                    GpmMetric.PCIE_TX, GpmMetric.PCIE_RX),
            traffic("gpu_nvlink_bytes_per_second",
                    "NVLink traffic over all links averaged over the last collection interval (GPM; tx = written by the GPU).",
                    GpmMetric.NVLINK_TX, GpmMetric.NVLINK_RX));

    private GpmFamilies() {
    }

    static List<MetricSnapshot> render(GpuSnapshot s, GpuLabels labels) {
        List<MetricSnapshot> out = new ArrayList<>();
        for (Family f : FAMILIES) {
            GaugeSnapshot.Builder b = null;
            for (GpuReading g : s.gpus()) {
                if (!g.gpm().isEmpty()) {
                    b = add(b, f, g.gpm(), labels.of(g.identity()));
                }
            }
            for (MigReading m : s.migs()) {
                if (!m.gpm().isEmpty()) {
                    b = add(b, f, m.gpm(), labels.of(m.identity()));
                }
            }
            if (b != null) {
                out.add(b.build());
            }
        }
        return out;
    }

    private static GaugeSnapshot.Builder add(GaugeSnapshot.Builder b, Family f, Map<GpmMetric, Double> values,
            Labels device) {
        for (Part p : f.parts()) {
            Double v = values.get(p.metric());
            if (v == null) {
                continue;
            }
            if (b == null) {
                b = GaugeSnapshot.builder().name(f.name()).help(f.help()).unit(f.unit());
            }
            Labels l = p.labelName() == null ? device : device.add(p.labelName(), p.labelValue());
            b.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(v * p.factor()).build());
        }
        return b;
    }
}
