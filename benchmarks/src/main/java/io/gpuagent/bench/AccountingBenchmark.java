package io.gpuagent.bench;

import io.gpuagent.accounting.Accounts;
import io.gpuagent.accounting.Ledger;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.GpuSource;
import io.gpuagent.gpu.NvmlOpener;
import io.gpuagent.join.ProcessOwner;
import io.gpuagent.kubelet.Allocations;
import io.gpuagent.source.SourceRunner;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-collection cost of the energy and GPU-time accounting on the large node ({@link LargeNode}: 8 H100s, 28
 * MIG instances, 256 processes, 64 pods): what the NVML collection thread spends after each collection in
 * {@link Ledger#update} (attribution resolved, processes placed, each GPU's interval split and the accounts
 * published). Snapshots are 16 real collections of the simulator, taken in turn, one second apart.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AccountingBenchmark {

    private final GpuSnapshot[] snapshots = new GpuSnapshot[16];
    private Optional<Allocations> allocations;
    private Map<Long, ProcessOwner> owners;
    private Ledger ledger;
    private long now;
    private int next;

    @Setup(Level.Trial)
    public void collect() throws InterruptedException {
        GpuSource source = new GpuSource(NvmlOpener.simulator(LargeNode.SCENARIO), Clock.systemUTC());
        SourceRunner<GpuSnapshot> runner = SourceRunner.manual(source, Clock.systemUTC());
        for (int i = 0; i < snapshots.length; i++) {
            snapshots[i] = runner.refreshNow().latest().orElseThrow(() -> new IllegalStateException("no snapshot"));
            Thread.sleep(20); // the curves move: every snapshot differs
        }
        source.close();
        LargeNode.Fixture f = LargeNode.fixture(snapshots[0]);
        allocations = Optional.of(f.allocations());
        owners = f.owners();
        ledger = new Ledger(() -> now);
        ledger.update(snapshots[0], allocations, owners);
        if (ledger.current().containers().size() < LargeNode.PODS) {
            throw new IllegalStateException("fixture: " + ledger.current().containers().size() + " accounts");
        }
    }

    @Benchmark
    public Accounts update() {
        now += 1_000_000_000L;
        ledger.update(snapshots[next++ & 15], allocations, owners);
        return ledger.current();
    }
}
