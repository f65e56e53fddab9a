package io.gpuagent.bench;

import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.GpuSource;
import io.gpuagent.source.SourceRunner;
import io.gpuagent.gpu.NvmlOpener;
import io.gpuagent.source.SourceState;
import java.lang.invoke.MethodHandle;
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

/**
 * One full NVML collection of a simulated node (every GPU, every field, MIG instances, processes), and
 * what of it is NVML's, to tell the agent's own CPU apart (issue 8's budget: one collection of the
 * large node ≤ 2 ms of CPU beyond the time spent inside NVML).
 *
 * <ul>
 *   <li>{@code collect}: one refresh of {@code GpuSource}, as the agent's collection loop runs it.</li>
 *   <li>{@code nvmlCalls}: the same NVML calls (same functions, arguments, order, retries; counted against
 *       the simulator's own call counter at set-up, which must match one collection's) as raw downcalls
 *       into out-parameters allocated once, with nothing else: the time inside NVML plus one bare FFM
 *       transition per call ({@link NvmlReplay}).</li>
 *   <li>{@code callFloor}: as many downcalls of a function that does nothing ({@code simnvml_calls()}, a
 *       relaxed atomic load): the bare transitions alone.</li>
 * </ul>
 *
 * <p>So {@code collect − nvmlCalls} is the agent's own work per collection (the safe layer's arenas,
 * symbol probes and optionals, the readers, the snapshot), and {@code collect − (nvmlCalls − callFloor)}
 * is the same with the FFM transitions charged to the agent too, the stricter reading of "beyond the
 * time inside NVML". Both are single-thread wall time per operation, which for this CPU-bound work is
 * the collection thread's CPU; the garbage it leaves is collected on other threads and is not in it
 * (run with {@code -prof gc} for the bytes allocated per collection). The simulator's getters are table
 * reads under a mutex, far cheaper than the real driver's, which is why NVML time is measured on the
 * simulator and subtracted rather than assumed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CollectionBenchmark {

    @Param({"default", "large-node"})
    public String scenario;

    private GpuSource source;
    private SourceRunner<GpuSnapshot> runner;
    private NvmlReplay replay;
    private MethodHandle floor;
    private int calls;

    @Setup
    public void open() {
        source = new GpuSource(NvmlOpener.simulator(scenario), Clock.systemUTC());
        runner = SourceRunner.manual(source, Clock.systemUTC());
        runner.refreshNow();
        if (GpuSource.notReadyBecause(runner.state()).isPresent()) {
            throw new IllegalStateException("simulated NVML did not initialise: " + runner.state().problem());
        }
        replay = new NvmlReplay();
        floor = NvmlReplay.callsHandle();
        // The replay must make exactly the calls of one collection. The XID thread's event waits count
        // too (one per 500 ms at most): take the smallest of several collections.
        int collection = Integer.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            int before = NvmlReplay.simulatorCalls();
            runner.refreshNow();
            collection = Math.min(collection, NvmlReplay.simulatorCalls() - before);
        }
        int before = NvmlReplay.simulatorCalls();
        calls = replay.collection();
        int replayed = NvmlReplay.simulatorCalls() - before;
        if (replayed != calls || replayed != collection) {
            throw new IllegalStateException("the replay made " + replayed + " NVML calls (counted " + calls
                    + "), one collection " + collection);
        }
        System.out.println("# " + scenario + ": " + calls + " NVML calls per collection");
    }

    @TearDown
    public void close() {
        replay.close();
        source.close();
    }

    @Benchmark
    public SourceState<GpuSnapshot> collect() {
        return runner.refreshNow();
    }

    @Benchmark
    public int nvmlCalls() {
        return replay.collection();
    }

    @Benchmark
    public int callFloor() throws Throwable {
        int sum = 0;
        for (int i = 0; i < calls; i++) {
            sum += (int) floor.invokeExact();
        }
        return sum;
    }
}
