package io.gpuagent.gpu;

import io.gpuagent.problem.ProblemLog;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.FieldValues;
import io.gpuagent.nvml.GpuDevice;
import io.gpuagent.nvml.Nvml;
import io.gpuagent.nvml.raw.nvml_h$library;
import io.gpuagent.nvml.sim.SimulatedNvml;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
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
     * and pending), memory temperature, the number of fans, the state of NVLink 0 (a GPU without NVLink).
     */
    static final int OPTIONAL_CALLS = 1 + 6 + 3 + 1 + 1 + 1;

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
        reader.readGpu(d, "test", FieldValues.builder());
        return calls() - before;
    }

    static FieldValues read(DeviceReader reader, GpuDevice d) {
        FieldValues.Builder b = FieldValues.builder();
        reader.readGpu(d, "test", b);
        return b.build();
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
        // thermal and retired pages NOT_SUPPORTED on GPU 0 (an A100), its fan count and NVLink state asked once
        int second = callsOf(reader, full) - 5 - 3;
        assertThat(callsOf(reader, full)).isEqualTo(second);
        assertThat(callsOf(reader, full)).isEqualTo(second);
        FieldValues v = read(reader, full);
        assertThat(v.get(DeviceField.REMAPPED_ROWS_CORRECTABLE)).hasValue(3);
        assertThat(v.get(DeviceField.VIOLATION_POWER)).hasValue(1_500_000_000L);
        assertThat(v.has(DeviceField.VIOLATION_THERMAL)).isFalse();
        assertThat(v.get(DeviceField.FAN_SPEED, 0)).hasValue(45);
        assertThat(v.get(DeviceField.FAN_SPEED, 1)).hasValue(45);
        assertThat(v.has(DeviceField.FAN_SPEED, 2)).isFalse();
        assertThat(v.get(DeviceField.MEMORY_TEMPERATURE)).hasValue(71);
    }

    @Test
    void onlyTheUnsupportedLimiterIsDropped() throws Throwable {
        DeviceReader reader = new DeviceReader(new ProblemLog("io.gpuagent.gpu"), new InFlight());
        GpuDevice full = nvml.device(0);
        int first = callsOf(reader, full);
        assertThat(first - callsOf(reader, full))
                .as("thermal, retired pages (3), the fan count and the NVLink state of 3 links (asked once)")
                .isEqualTo(5 + 3);
    }

    @Test
    void zeroFansAreNotAskedForAgain() throws Throwable {
        DeviceReader reader = new DeviceReader(new ProblemLog("io.gpuagent.gpu"), new InFlight());
        GpuDevice noFans = nvml.device(2); // MIG mode: remapped rows NOT_SUPPORTED too
        int first = callsOf(reader, noFans);
        assertThat(first - callsOf(reader, noFans)).isEqualTo(OPTIONAL_CALLS);
    }

    @Test
    void nvlinkStateIsAskedOncePerSessionAndTheCountersEveryCollection() throws Throwable {
        DeviceReader reader = new DeviceReader(new ProblemLog("io.gpuagent.gpu"), new InFlight());
        // GPU 0: links 0 and 1 active, link 2 INVALID_ARGUMENT (3 state calls), then 2 x 4 counters each time
        int first = callsOf(reader, nvml.device(0));
        assertThat(first - callsOf(reader, nvml.device(0))).isEqualTo(3 + 5);
        FieldValues v = read(reader, nvml.device(0));
        for (DeviceField f : List.of(DeviceField.NVLINK_CRC_FLIT, DeviceField.NVLINK_CRC_DATA, DeviceField.NVLINK_REPLAY,
                DeviceField.NVLINK_RECOVERY)) {
            assertThat(v.has(f, 0) && v.has(f, 1) && !v.has(f, 2)).as(f.name()).isTrue();
        }
        assertThat(v.get(DeviceField.NVLINK_CRC_FLIT, 1)).hasValue(10);
        // GPU 1: no NVLink, one NOT_SUPPORTED per session (among the optional calls)
        FieldValues none = read(reader, nvml.device(1));
        assertThat(DeviceField.NVLINK_CRC_FLIT.dimension().size()).isGreaterThan(2);
        for (int link = 0; link < DeviceField.NVLINK_CRC_FLIT.dimension().size(); link++) {
            assertThat(none.has(DeviceField.NVLINK_CRC_FLIT, link)).isFalse();
        }
        assertThat(reader.takeErrors()).isZero();
    }
}
