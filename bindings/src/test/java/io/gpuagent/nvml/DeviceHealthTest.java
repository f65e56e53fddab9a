package io.gpuagent.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.nvml.sim.SimulatedNvml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device-health readers through the real FFM path against the simulator's device-health scenario:
 * GPU 0 reports everything, GPU 1 nothing (NOT_SUPPORTED), GPU 2 is in MIG mode.
 */
class DeviceHealthTest {

    static Nvml nvml;

    @BeforeAll
    static void open() {
        String lib = SimulatedNvml.extractLibrary(SimulatedNvml.LIBRARY).toString();
        Nvml.bind(lib);
        SimulatedNvml.setScenario(SimulatedNvml.resolveScenario("device-health"));
        nvml = Nvml.open(lib);
    }

    @AfterAll
    static void close() {
        nvml.close();
    }

    @Test
    void remappedRowsCarryTheScenariosValues() {
        assertThat(nvml.device(0).remappedRows()).contains(new RemappedRows(3, 1, true, false));
    }

    @Test
    void remappedRowsAreEmptyWhereNotSupportedAndInMigMode() {
        assertThat(nvml.device(1).remappedRows()).isEmpty();
        assertThat(nvml.device(2).remappedRows()).as("MIG mode").isEmpty();
    }

    @Test
    void violationTimesInNanosecondsPerLimiter() {
        GpuDevice g0 = nvml.device(0);
        assertThat(g0.violationTime(PerfPolicy.POWER)).hasValue(1_500_000_000L);
        assertThat(g0.violationTime(PerfPolicy.THERMAL)).as("not given: NOT_SUPPORTED").isEmpty();
        assertThat(g0.violationTime(PerfPolicy.SYNC_BOOST)).hasValue(0);
        assertThat(g0.violationTime(PerfPolicy.BOARD_LIMIT)).hasValue(250_000_000L);
        assertThat(g0.violationTime(PerfPolicy.LOW_UTILIZATION)).hasValue(123_456_789_000L);
        assertThat(g0.violationTime(PerfPolicy.RELIABILITY)).hasValue(7000);
        for (PerfPolicy p : PerfPolicy.values()) {
            assertThat(nvml.device(1).violationTime(p)).as(p.name()).isEmpty();
        }
    }

    @Test
    void fansAndTheirSpeedWhereTheBoardHasFans() {
        assertThat(nvml.device(0).fanCount()).hasValue(2);
        assertThat(nvml.device(0).fanSpeed(0)).hasValue(45);
        assertThat(nvml.device(0).fanSpeed(1)).hasValue(45);
        assertThat(nvml.device(1).fanCount()).as("passively cooled: NOT_SUPPORTED").isEmpty();
        assertThat(nvml.device(1).fanSpeed(0)).isEmpty();
        assertThat(nvml.device(2).fanCount()).hasValue(0);
    }

    @Test
    void retiredPagesCountPerCauseAndPending() {
        GpuDevice v100 = nvml.device(3);
        assertThat(v100.retiredPages(false)).hasValue(2);
        assertThat(v100.retiredPages(true)).hasValue(1);
        assertThat(v100.retiredPagesPending()).contains(true);
        assertThat(nvml.device(0).retiredPages(false)).as("Ampere: NOT_SUPPORTED").isEmpty();
        assertThat(nvml.device(0).retiredPagesPending()).isEmpty();
    }

    @Test
    void nvLinkStateAndErrorCountersPerLink() {
        GpuDevice g0 = nvml.device(0);
        assertThat(g0.nvLinkActive(0)).contains(true);
        assertThat(g0.nvLinkActive(1)).contains(true);
        assertThat(g0.nvLinkActive(2)).as("past the GPU's links: INVALID_ARGUMENT").isEmpty();
        assertThat(g0.nvLinkErrors(0, NvLinkError.CRC_FLIT)).hasValue(5);
        assertThat(g0.nvLinkErrors(1, NvLinkError.CRC_FLIT)).hasValue(10);
        assertThat(g0.nvLinkErrors(1, NvLinkError.CRC_DATA)).hasValue(6);
        assertThat(g0.nvLinkErrors(0, NvLinkError.REPLAY)).hasValue(1);
        assertThat(g0.nvLinkErrors(1, NvLinkError.RECOVERY)).hasValue(0);
        assertThat(nvml.device(1).nvLinkActive(0)).as("no NVLink: NOT_SUPPORTED").isEmpty();
        assertThat(nvml.device(1).nvLinkErrors(0, NvLinkError.REPLAY)).isEmpty();
        assertThat(GpuDevice.maxNvLinks()).isEqualTo(18);
    }

    @Test
    void memoryTemperatureFromTheFieldValues() {
        assertThat(nvml.device(0).memoryTemperature()).hasValue(71);
        assertThat(nvml.device(1).memoryTemperature()).as("the field answers NOT_SUPPORTED").isEmpty();
    }
}
