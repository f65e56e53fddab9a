package io.gpuagent.bench;

import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.GpuSource;
import io.gpuagent.gpu.NvmlOpener;
import io.gpuagent.source.SourceState;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** One full NVML collection of a simulated node (every GPU, every field, MIG instances). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CollectionBenchmark {

    @Param({"default"})
    public String scenario;

    private GpuSource source;

    @Setup
    public void open() {
        source = new GpuSource(NvmlOpener.simulator(scenario), Clock.systemUTC());
        source.collect();
        if (!source.ready()) {
            throw new IllegalStateException("simulated NVML did not initialise: " + source.state().problem());
        }
    }

    @TearDown
    public void close() {
        source.close();
    }

    @Benchmark
    public SourceState<GpuSnapshot> collect() {
        source.collect();
        return source.state();
    }
}
