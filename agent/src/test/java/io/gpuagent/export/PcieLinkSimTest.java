package io.gpuagent.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.NvmlOpener;
import io.gpuagent.gpu.TestGpus;
import io.gpuagent.join.Attribution;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PCIe link generation and width, current and maximum: four bindings and four catalog rows, read from the simulated
 * test node (GPU 0 trained at Gen3 x8 of Gen4 x16; GPU 2 a Gen3 x16 T4) and rendered in both namings.
 */
class PcieLinkSimTest {

    static TestGpus source;
    static GpuSnapshot snapshot;

    @BeforeAll
    static void collect() {
        source = new TestGpus(NvmlOpener.simulator("test-node"));
        snapshot = source.collect().latest().orElseThrow(() -> new AssertionError(source.state().problem()));
    }

    @AfterAll
    static void close() {
        source.close();
    }

    @Test
    void nativeNaming() {
        List<MetricSnapshot> out = Render.nativeFamilies(snapshot);
        assertThat(value(out, "gpu_pcie_link_generation", "gpu", "0")).hasValue(3);
        assertThat(value(out, "gpu_pcie_link_max_generation", "gpu", "0")).hasValue(4);
        assertThat(value(out, "gpu_pcie_link_width", "gpu", "0")).hasValue(8);
        assertThat(value(out, "gpu_pcie_link_max_width", "gpu", "0")).hasValue(16);
        assertThat(value(out, "gpu_pcie_link_generation", "gpu", "2")).hasValue(3);
        assertThat(value(out, "gpu_pcie_link_width", "gpu", "2")).hasValue(16);
        assertThat(out.stream().filter(m -> m.getMetadata().getName().startsWith("gpu_pcie_link")))
                .hasSize(4).allMatch(m -> m instanceof GaugeSnapshot);
    }

    @Test
    void dcgmNaming() {
        List<MetricSnapshot> out = DcgmNaming.devices(snapshot, Attribution.NONE, "node-1");
        assertThat(value(out, "DCGM_FI_DEV_PCIE_LINK_GEN", "gpu", "0")).hasValue(3);
        assertThat(value(out, "DCGM_FI_DEV_PCIE_MAX_LINK_GEN", "gpu", "0")).hasValue(4);
        assertThat(value(out, "DCGM_FI_DEV_PCIE_LINK_WIDTH", "gpu", "0")).hasValue(8);
        assertThat(value(out, "DCGM_FI_DEV_PCIE_MAX_LINK_WIDTH", "gpu", "0")).hasValue(16);
    }

    private static OptionalDouble value(List<MetricSnapshot> out, String family, String label, String v) {
        return out.stream().filter(m -> m.getMetadata().getName().equals(family))
                .flatMap(m -> m.getDataPoints().stream())
                .filter(p -> v.equals(p.getLabels().get(label)))
                .mapToDouble(p -> ((GaugeSnapshot.GaugeDataPointSnapshot) (DataPointSnapshot) p).getValue())
                .findFirst();
    }
}
