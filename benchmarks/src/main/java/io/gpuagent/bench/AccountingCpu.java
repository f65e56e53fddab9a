package io.gpuagent.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * What the collection thread spends after each NVML collection of the large node, as CPU time of that thread:
 * resolving the GPU processes' owners ({@link AttributionBenchmark#owners}, 256 processes) and the energy and
 * GPU-time accounting ({@link AccountingBenchmark#update}). Unlike JMH's wall-clock average, a thread's CPU time
 * barely moves when other processes share the cores, as they usually do on the build machine.
 * {@code java -cp benchmarks/target/benchmarks.jar io.gpuagent.bench.AccountingCpu [operations]}: warms up for that
 * many operations of each (default 20 000), then measures as many, in 5 rounds.
 */
public final class AccountingCpu {

    private AccountingCpu() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AccountingBenchmark accounting = new AccountingBenchmark();
        accounting.collect();
        AttributionBenchmark owners = new AttributionBenchmark();
        owners.processes = 256;
        owners.build();
        try {
            for (int i = 0; i < n; i++) {
                accounting.update();
                owners.owners();
            }
            for (int round = 1; round <= 5; round++) {
                long t0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    accounting.update();
                }
                long t1 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    owners.owners();
                }
                long t2 = threads.getCurrentThreadCpuTime();
                System.out.printf(Locale.ROOT, "round %d, CPU per collection: accounting %.1f us, process owners %.1f us%n",
                        round, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n);
            }
        } finally {
            owners.clean();
        }
    }
}
