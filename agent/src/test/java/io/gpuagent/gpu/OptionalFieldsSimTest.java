package io.gpuagent.gpu;

import io.gpuagent.problem.ProblemLog;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.nvml.GpuDevice;
import io.gpuagent.nvml.Nvml;
import io.gpuagent.nvml.raw.nvml_h$library;
import io.gpuagent.nvml.sim.SimulatedNvml;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device-health fields a GPU answers NOT_SUPPORTED for are asked once per NVML session, not every
 * collection: counted with the simulator's own call counter on the device-health scenario.
 */
class OptionalFieldsSimTest {

    /**
     * Optional device-health questions per GPU: remapped rows, six violation times, retired pages (two causes
     * and pending), memory temperature, the number of fans.
     */
    static final int OPTIONAL_CALLS = 1 + 6 + 3 + 1 + 1;

    static Nvml nvml;
    static MethodHandle calls;

    @BeforeAll
    static void open() {
        String lib = SimulatedNvml.extractLibrary(SimulatedNvml.LIBRARY).toString();
        Nvml.bind(lib);
        SimulatedNvml.setScenario(SimulatedNvml.resolveScenario("device-health"));
        nvml = Nvml.open(lib);
        calls = Linker.nativeLinker().downcallHandle(nvml_h$library.current().find("simnvml_calls").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
    }

    @AfterAll
    static void close() {
        nvml.close();
    }

    static int calls() throws Throwable {
        return (int) calls.invokeExact();
    }

    int callsOf(DeviceReader reader, GpuDevice d) throws Throwable {
        int before = calls();
        reader.readGpu(d);
        return calls() - before;
    }

    @Test
    void aGpuWithoutTheFeaturesIsAskedOncePerSession() throws Throwable {
        DeviceReader reader = new DeviceReader(new ProblemLog("io.gpuagent.gpu"), new InFlight());
        GpuDevice passive = nvml.device(1);
        int first = callsOf(reader, passive);
        int second = callsOf(reader, passive);
        assertThat(first - second).isEqualTo(OPTIONAL_CALLS);
        assertThat(callsOf(reader, passive)).isEqualTo(second);
        reader.newSession();
        assertThat(callsOf(reader, passive)).as("asked again in a new session").isEqualTo(first);
        assertThat(reader.takeErrors()).isZero();
    }

    @Test
    void aGpuWithTheFeaturesIsAskedEveryCollection() throws Throwable {
        DeviceReader reader = new DeviceReader(new ProblemLog("io.gpuagent.gpu"), new InFlight());
        GpuDevice full = nvml.device(0);
        // thermal and retired pages NOT_SUPPORTED on GPU 0 (an A100), its fan count asked once
        int second = callsOf(reader, full) - 5;
        assertThat(callsOf(reader, full)).isEqualTo(second);
        assertThat(callsOf(reader, full)).isEqualTo(second);
        assertThat(reader.readGpu(full)).containsEntry(GpuField.REMAPPED_ROWS_CORRECTABLE, 3L)
                .containsEntry(GpuField.VIOLATION_POWER, 1_500_000_000L).doesNotContainKey(GpuField.VIOLATION_THERMAL)
                .containsEntry(GpuField.FAN_SPEED_0, 45L).containsEntry(GpuField.FAN_SPEED_1, 45L)
                .doesNotContainKey(GpuField.FAN_SPEED_2).containsEntry(GpuField.MEMORY_TEMPERATURE, 71L);
    }

    @Test
    void onlyTheUnsupportedLimiterIsDropped() throws Throwable {
        DeviceReader reader = new DeviceReader(new ProblemLog("io.gpuagent.gpu"), new InFlight());
        GpuDevice full = nvml.device(0);
        int first = callsOf(reader, full);
        assertThat(first - callsOf(reader, full)).as("thermal, retired pages (3) and the fan count (asked once)")
                .isEqualTo(5);
    }

    @Test
    void zeroFansAreNotAskedForAgain() throws Throwable {
        DeviceReader reader = new DeviceReader(new ProblemLog("io.gpuagent.gpu"), new InFlight());
        GpuDevice noFans = nvml.device(2); // MIG mode: remapped rows NOT_SUPPORTED too
        int first = callsOf(reader, noFans);
        assertThat(first - callsOf(reader, noFans)).isEqualTo(OPTIONAL_CALLS);
    }

    int nvlinkCallsOf(DeviceReader reader, GpuDevice d) throws Throwable {
        int before = calls();
        reader.readNvLinks(d);
        return calls() - before;
    }

    @Test
    void nvlinkStateIsAskedOncePerSessionAndTheCountersEveryCollection() throws Throwable {
        DeviceReader reader = new DeviceReader(new ProblemLog("io.gpuagent.gpu"), new InFlight());
        // GPU 0: links 0 and 1 active, link 2 INVALID_ARGUMENT (3 state calls), then 2 x 4 counters
        assertThat(nvlinkCallsOf(reader, nvml.device(0))).isEqualTo(3 + 8);
        assertThat(nvlinkCallsOf(reader, nvml.device(0))).isEqualTo(8);
        assertThat(reader.readNvLinks(nvml.device(0))).containsOnlyKeys(0, 1);
        // GPU 1: no NVLink, one NOT_SUPPORTED per session
        assertThat(nvlinkCallsOf(reader, nvml.device(1))).isEqualTo(1);
        assertThat(nvlinkCallsOf(reader, nvml.device(1))).isZero();
        reader.newSession();
        assertThat(nvlinkCallsOf(reader, nvml.device(1))).isEqualTo(1);
        assertThat(reader.takeErrors()).isZero();
    }
}
