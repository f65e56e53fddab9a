package io.gpuagent.bench;

import io.gpuagent.nvml.GpuDevice;
import io.gpuagent.nvml.Nvml;
import io.gpuagent.nvml.raw.nvml_h;
import io.gpuagent.nvml.sim.SimulatedNvml;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One NVML downcall into the simulated NVML (its getter is a table read under a mutex): the raw
 * jextract-shaped call with a preallocated out-parameter, and the safe layer's call (symbol probe,
 * confined arena, return-code check, optional).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NvmlDowncallBenchmark {

    private Nvml nvml;
    private GpuDevice device;
    private MemorySegment handle;
    private Arena arena;
    private MemorySegment out;

    @Setup
    public void open() {
        String lib = SimulatedNvml.extractLibrary(SimulatedNvml.LIBRARY).toString();
        Nvml.bind(lib);
        SimulatedNvml.setScenario(SimulatedNvml.resolveScenario("test-node"));
        nvml = Nvml.open(lib);
        device = nvml.device(0);
        arena = Arena.ofConfined();
        MemorySegment h = arena.allocate(ValueLayout.ADDRESS);
        nvml_h.nvmlDeviceGetHandleByIndex_v2(0, h);
        handle = h.get(ValueLayout.ADDRESS, 0);
        out = arena.allocate(ValueLayout.JAVA_INT);
    }

    @TearDown
    public void close() {
        arena.close();
        nvml.close();
    }

    @Benchmark
    public int rawTemperature() {
        nvml_h.nvmlDeviceGetTemperature(handle, nvml_h.NVML_TEMPERATURE_GPU(), out);
        return out.get(ValueLayout.JAVA_INT, 0);
    }

    @Benchmark
    public OptionalLong safeTemperature() {
        return device.temperature();
    }
}
