package io.gpuagent.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.FieldValues;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.TestGpus;
import io.gpuagent.gpu.MigReading;
import io.gpuagent.gpu.NvmlOpener;
import io.gpuagent.join.Attribution;
import io.gpuagent.kubelet.Allocations;
import io.gpuagent.kubelet.ContainerAllocation;
import io.gpuagent.kubelet.GpuResources;
import io.gpuagent.nvml.GpmMetric;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GPM profiling metrics from the NVML collection to the native families, through the real bindings on
 * the simulator's gpm-node scenario: an H100 (GPM), an H100 in MIG mode (GPM per GPU instance) and a
 * pre-Hopper A100 (no GPM). The scenario's values are constants, so the families carry them exactly up
 * to the unit conversion (percent × 0.01 in doubles: compared within 1e-12).
 */
class GpmNamingSimTest {

    static final String H100 = "GPU-77777777-7777-7777-7777-777777777777";
    static final String H100_MIG = "GPU-88888888-8888-8888-8888-888888888888";
    static final String A100 = "GPU-99999999-9999-9999-9999-999999999999";
    static final String GI3 = "MIG-e5e5e5e5-0000-0000-0000-000000000001";
    static final String GI5 = "MIG-f6f6f6f6-0000-0000-0000-000000000002";
    static final double MIB = 1024 * 1024;

    static TestGpus source;
    static GpuSnapshot first;
    static GpuSnapshot second;

    @BeforeAll
    static void collectTwice() {
        source = new TestGpus(NvmlOpener.simulator("gpm-node"));
        source.collect();
        first = source.state().latest().orElseThrow(() -> new AssertionError(source.state().problem()));
        source.collect();
        second = source.state().latest().orElseThrow();
    }

    @AfterAll
    static void close() {
        source.close();
    }

    @Test
    void theFirstCollectionHasNoPreviousSampleSoNoGpmValues() {
        assertThat(first.gpus()).allSatisfy(g -> assertThat(gpm(g.values())).isEmpty());
        assertThat(first.migs()).hasSize(2).allSatisfy(m -> assertThat(gpm(m.values())).isEmpty());
        List<String> names = names(Render.nativeFamilies(first));
        assertThat(names).doesNotContain("gpu_sm_active_ratio", "gpu_gpm_pcie_bytes_per_second");
    }

    @Test
    void theSnapshotCarriesNvmlsValuesPerGpuAndGpuInstance() {
        GpuReading h100 = gpu(H100);
        assertThat(gpm(h100.values())).containsExactlyInAnyOrderEntriesOf(Map.of(
                GpmMetric.GRAPHICS_ACTIVITY, 91.5, GpmMetric.SM_ACTIVITY, 82.25, GpmMetric.SM_OCCUPANCY, 47.5,
                GpmMetric.TENSOR_ACTIVITY, 61.75, GpmMetric.DRAM_ACTIVITY, 38.0, GpmMetric.PCIE_TX, 1024.0,
                GpmMetric.PCIE_RX, 2048.0, GpmMetric.NVLINK_TX, 40960.0, GpmMetric.NVLINK_RX, 36864.0));
        assertThat(gpm(gpu(H100_MIG).values())).containsEntry(GpmMetric.SM_ACTIVITY, 44.0);
        assertThat(gpm(mig(GI3).values())).containsEntry(GpmMetric.SM_ACTIVITY, 70.5);
        assertThat(gpm(mig(GI5).values())).containsEntry(GpmMetric.SM_OCCUPANCY, 5.0);
        assertThat(gpm(gpu(A100).values())).as("pre-Hopper").isEmpty();
        assertThat(gpu(A100).up()).isTrue();
    }

    @Test
    void nativeFamiliesPerGpuAndMigInstanceWithTheScenariosValues() {
        List<MetricSnapshot> out = Render.nativeFamilies(second);
        assertThat(value(out, "gpu_graphics_active_ratio", H100, null)).isCloseTo(0.915, within(1e-12));
        assertThat(value(out, "gpu_sm_active_ratio", H100, null)).isCloseTo(0.8225, within(1e-12));
        assertThat(value(out, "gpu_sm_occupancy_ratio", H100, null)).isCloseTo(0.475, within(1e-12));
        assertThat(value(out, "gpu_tensor_active_ratio", H100, null)).isCloseTo(0.6175, within(1e-12));
        assertThat(value(out, "gpu_dram_active_ratio", H100, null)).isCloseTo(0.38, within(1e-12));
        assertThat(value(out, "gpu_gpm_pcie_bytes_per_second", H100, null, "direction", "tx")).isEqualTo(1024 * MIB);
        assertThat(value(out, "gpu_gpm_pcie_bytes_per_second", H100, null, "direction", "rx")).isEqualTo(2048 * MIB);
        assertThat(value(out, "gpu_nvlink_bytes_per_second", H100, null, "direction", "tx")).isEqualTo(40960 * MIB);
        assertThat(value(out, "gpu_nvlink_bytes_per_second", H100, null, "direction", "rx")).isEqualTo(36864 * MIB);

        assertThat(value(out, "gpu_sm_active_ratio", H100_MIG, null)).isCloseTo(0.44, within(1e-12));
        assertThat(value(out, "gpu_sm_active_ratio", H100_MIG, GI3)).isCloseTo(0.705, within(1e-12));
        assertThat(value(out, "gpu_tensor_active_ratio", H100_MIG, GI3)).isCloseTo(0.50, within(1e-12));
        assertThat(value(out, "gpu_dram_active_ratio", H100_MIG, GI5)).isCloseTo(0.01, within(1e-12));
        Labels gi3 = labels(out, "gpu_sm_occupancy_ratio", H100_MIG, GI3);
        assertThat(gi3.get("gpu")).isEqualTo("1");
        assertThat(gi3.get("gpu_instance_id")).isEqualTo("3");
        assertThat(gi3.get("compute_instance_id")).isEqualTo("0");
        assertThat(gi3.get("mig_profile")).isEqualTo("3g.40gb");
        assertThat(gi3.get("model")).isEqualTo("NVIDIA H100 80GB HBM3");

        // nothing for the pre-Hopper GPU, in any GPM family
        for (MetricSnapshot f : out) {
            if (f.getMetadata().getName().matches("gpu_(graphics|sm|tensor|dram)_.*|gpu_gpm_.*|gpu_nvlink_.*")) {
                assertThat(f.getDataPoints()).extracting(p -> p.getLabels().get("uuid")).doesNotContain(A100);
            }
        }
    }

    @Test
    void anExclusivelyHeldMigInstanceCarriesItsHolder() {
        Attribution a = Attribution.resolve(second, Allocations.from(List.of(new ContainerAllocation("ml", "trainer-0",
                "main", List.of(new ContainerAllocation.DeviceGroup("nvidia.com/mig-3g.40gb", List.of(GI3))), List.of())),
                GpuResources.defaults()));
        Labels l = labels(Render.nativeFamilies(second, a), "gpu_sm_active_ratio", H100_MIG, GI3);
        assertThat(l.get("namespace")).isEqualTo("ml");
        assertThat(l.get("pod")).isEqualTo("trainer-0");
        assertThat(l.get("container")).isEqualTo("main");
        assertThat(labels(Render.nativeFamilies(second, a), "gpu_sm_active_ratio", H100_MIG, GI5).get("pod")).isNull();
    }

    /** The GPM rows a reading has, by metric. */
    static Map<GpmMetric, Double> gpm(FieldValues values) {
        Map<GpmMetric, Double> out = new java.util.EnumMap<>(GpmMetric.class);
        for (GpmMetric m : GpmMetric.values()) {
            values.fraction(DeviceField.of(m)).ifPresent(v -> out.put(m, v));
        }
        return out;
    }

    static GpuReading gpu(String uuid) {
        return second.gpus().stream().filter(g -> g.identity().uuid().equals(uuid)).findFirst().orElseThrow();
    }

    static MigReading mig(String migUuid) {
        return second.migs().stream().filter(m -> m.identity().migUuid().equals(migUuid)).findFirst().orElseThrow();
    }

    static List<String> names(List<MetricSnapshot> out) {
        List<String> n = new ArrayList<>();
        out.forEach(f -> n.add(f.getMetadata().getName()));
        return n;
    }

    /** The one data point of {@code family} for a GPU (migUuid null) or a MIG instance, plus extra labels. */
    static DataPointSnapshot point(List<MetricSnapshot> out, String family, String uuid, String migUuid, String... extra) {
        MetricSnapshot f = out.stream().filter(s -> s.getMetadata().getName().equals(family)).findFirst()
                .orElseThrow(() -> new AssertionError("no family " + family + " in " + names(out)));
        List<DataPointSnapshot> hits = new ArrayList<>();
        for (DataPointSnapshot p : f.getDataPoints()) {
            Labels l = p.getLabels();
            boolean ok = uuid.equals(l.get("uuid")) && java.util.Objects.equals(migUuid, l.get("mig_uuid"));
            for (int i = 0; i < extra.length; i += 2) {
                ok &= extra[i + 1].equals(l.get(extra[i]));
            }
            if (ok) {
                hits.add(p);
            }
        }
        assertThat(hits).as(family + " " + uuid + " " + migUuid).hasSize(1);
        return hits.get(0);
    }

    static double value(List<MetricSnapshot> out, String family, String uuid, String migUuid, String... extra) {
        return ((GaugeSnapshot.GaugeDataPointSnapshot) point(out, family, uuid, migUuid, extra)).getValue();
    }

    static Labels labels(List<MetricSnapshot> out, String family, String uuid, String migUuid) {
        return point(out, family, uuid, migUuid).getLabels();
    }
}
