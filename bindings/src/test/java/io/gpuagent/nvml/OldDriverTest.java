package io.gpuagent.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.nvml.sim.SimulatedNvml;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A driver without {@code nvmlDeviceGetMemoryInfo_v2}, the CUDA version, energy and the MPS list
 * and GPM (the simulator's old-driver build): those read as unsupported, memory falls back to v1,
 * nothing fails.
 */
class OldDriverTest {

    @Test
    void missingFunctionsAreUnsupportedAndMemoryFallsBackToV1() {
        String lib = SimulatedNvml.extractLibrary(SimulatedNvml.OLD_DRIVER_LIBRARY).toString();
        Nvml.bind(lib);
        SimulatedNvml.setScenario(SimulatedNvml.resolveScenario("test-node"));
        try (Nvml nvml = Nvml.open(lib)) {
            assertThat(nvml.hasFunction("nvmlDeviceGetMemoryInfo_v2")).isFalse();
            assertThat(nvml.cudaDriverVersion()).isEmpty();
            GpuDevice g0 = nvml.device(0);
            // v1: used includes reserved, reserved itself unknown
            assertThat(g0.memory()).contains(new MemoryInfo(42949672960L, 11274289152L, 31675383808L, OptionalLong.empty()));
            assertThat(g0.totalEnergyConsumption()).isEmpty();
            // device health: missing functions are "not supported", never resolved
            assertThat(nvml.hasFunction("nvmlDeviceGetRemappedRows")).isFalse();
            assertThat(g0.remappedRows()).isEmpty();
            assertThat(nvml.hasFunction("nvmlDeviceGetNumFans")).isFalse();
            assertThat(g0.fanCount()).isEmpty();
            assertThat(g0.fanSpeed(0)).isEmpty();
            assertThat(g0.processes(ProcessKind.MPS)).isEmpty();
            assertThat(g0.processes(ProcessKind.COMPUTE)).hasSize(1);
            assertThat(g0.temperature()).hasValue(62);
            // the PCIe link functions are as old as NVML itself: an old driver has them
            assertThat(nvml.hasFunction("nvmlDeviceGetCurrPcieLinkWidth")).isTrue();
            assertThat(g0.pcieLinkGeneration()).hasValue(3);
            assertThat(g0.pcieLinkMaxGeneration()).hasValue(4);
            assertThat(g0.pcieLinkWidth()).hasValue(8);
            assertThat(g0.pcieLinkMaxWidth()).hasValue(16);
            // no GPM symbols at all: unsupported, not a crash (never resolved, so no UnsatisfiedLinkError)
            assertThat(nvml.hasFunction("nvmlGpmSampleGet")).isFalse();
            assertThat(GpmSampler.supported(g0)).isFalse();
            assertThat(GpmSampler.migSupported(nvml.device(1))).isFalse();
        }
    }
}
