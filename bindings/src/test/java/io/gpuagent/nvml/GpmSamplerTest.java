package io.gpuagent.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.gpuagent.nvml.sim.SimulatedNvml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GPM through the real FFM path against the simulator's gpm-node scenario: two H100s (one in MIG mode)
 * with GPM, and an A100 without. The scenario's values are constants, so the metrics between two
 * samples are exactly them (the simulator answers the expression at the later sample's time).
 */
class GpmSamplerTest {

    static Nvml nvml;

    @BeforeAll
    static void open() {
        String lib = SimulatedNvml.extractLibrary(SimulatedNvml.LIBRARY).toString();
        Nvml.bind(lib);
        SimulatedNvml.setScenario(SimulatedNvml.resolveScenario("gpm-node"));
        nvml = Nvml.open(lib);
    }

    @AfterAll
    static void close() {
        nvml.close();
    }

    @Test
    void supportFollowsTheDevice() {
        assertThat(GpmSampler.supported(nvml.device(0))).isTrue();
        assertThat(GpmSampler.supported(nvml.device(1))).isTrue();
        assertThat(GpmSampler.migSupported(nvml.device(1))).isTrue();
        assertThat(GpmSampler.supported(nvml.device(2))).as("pre-Hopper A100").isFalse();
        assertThat(GpmSampler.migSupported(nvml.device(2))).isFalse();
        assertThat(GpmSampler.supported(nvml.device(1).migDevices().get(0))).as("a MIG device handle").isFalse();
    }

    @Test
    void firstSampleHasNothingToCompareThenEveryIntervalHasTheScenariosValues() {
        try (GpmSampler s = GpmSampler.forGpu(nvml.device(0))) {
            assertThat(s.sample()).isEmpty();
            for (int i = 0; i < 3; i++) { // the two buffers alternate
                Map<GpmMetric, Double> m = s.sample().orElseThrow();
                assertThat(m).containsOnly(
                        entry(GpmMetric.GRAPHICS_ACTIVITY, 91.5), entry(GpmMetric.SM_ACTIVITY, 82.25),
                        entry(GpmMetric.SM_OCCUPANCY, 47.5), entry(GpmMetric.TENSOR_ACTIVITY, 61.75),
                        entry(GpmMetric.DRAM_ACTIVITY, 38.0), entry(GpmMetric.PCIE_TX, 1024.0),
                        entry(GpmMetric.PCIE_RX, 2048.0), entry(GpmMetric.NVLINK_TX, 40960.0),
                        entry(GpmMetric.NVLINK_RX, 36864.0));
            }
        }
    }

    @Test
    void migInstancesBySampleOfTheirGpuInstance() {
        GpuDevice h100 = nvml.device(1);
        try (GpmSampler gi3 = GpmSampler.forMigInstance(h100, 3);
                GpmSampler gi5 = GpmSampler.forMigInstance(h100, 5);
                GpmSampler whole = GpmSampler.forGpu(h100)) {
            for (GpmSampler s : List.of(gi3, gi5, whole)) {
                assertThat(s.sample()).isEmpty();
            }
            Map<GpmMetric, Double> m3 = gi3.sample().orElseThrow();
            assertThat(m3).contains(entry(GpmMetric.GRAPHICS_ACTIVITY, 75.0), entry(GpmMetric.SM_ACTIVITY, 70.5),
                    entry(GpmMetric.SM_OCCUPANCY, 35.25), entry(GpmMetric.TENSOR_ACTIVITY, 50.0),
                    entry(GpmMetric.DRAM_ACTIVITY, 20.5));
            assertThat(gi5.sample().orElseThrow()).contains(entry(GpmMetric.SM_ACTIVITY, 10.0),
                    entry(GpmMetric.DRAM_ACTIVITY, 1.0));
            assertThat(whole.sample().orElseThrow()).contains(entry(GpmMetric.SM_ACTIVITY, 44.0));
        }
    }

    @Test
    void aGpuInstanceThatDoesNotExistFailsWithNotFound() {
        try (GpmSampler s = GpmSampler.forMigInstance(nvml.device(1), 4)) {
            assertThatThrownBy(s::sample).isInstanceOfSatisfying(NvmlException.class,
                    e -> assertThat(e.status()).isEqualTo(NvmlReturn.NOT_FOUND));
        }
    }

    @Test
    void aPreHopperGpuAnswersNotSupportedAsEmpty() {
        try (GpmSampler s = GpmSampler.forGpu(nvml.device(2))) {
            assertThat(s.sample()).isEmpty();
            assertThat(s.sample()).isEmpty();
        }
    }

    @Test
    void closeFreesTheSamplesOnceAndSamplingAfterwardsFails() {
        GpmSampler s = GpmSampler.forGpu(nvml.device(0));
        s.close();
        s.close();
        assertThatThrownBy(s::sample).isInstanceOf(IllegalStateException.class);
        // the simulator's pool of samples is not leaking: many samplers in a row still allocate
        for (int i = 0; i < 2000; i++) {
            GpmSampler.forGpu(nvml.device(0)).close();
        }
    }
}
