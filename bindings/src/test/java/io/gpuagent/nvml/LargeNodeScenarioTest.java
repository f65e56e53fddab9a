package io.gpuagent.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.nvml.sim.SimulatedNvml;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's large-node scenario (issue 8) through the safe layer: its shape (8 GPUs, 4 in MIG mode
 * with 7 instances each, 256 processes) and the UUID and pid schemes its header documents, which the
 * large-node benchmarks and harnesses rebuild without reading the file.
 */
class LargeNodeScenarioTest {

    static final int GPUS = 8;
    static final int MIG_GPUS = 4;
    static final int INSTANCES = 7;

    static Nvml nvml;

    @BeforeAll
    static void open() {
        String lib = SimulatedNvml.extractLibrary(SimulatedNvml.LIBRARY).toString();
        Nvml.bind(lib);
        SimulatedNvml.setScenario(SimulatedNvml.resolveScenario("large-node"));
        nvml = Nvml.open(lib);
    }

    @AfterAll
    static void close() {
        nvml.close();
    }

    static String gpuUuid(int gpu) {
        return String.format(Locale.ROOT, "GPU-00000000-0000-0000-0000-%012x", gpu);
    }

    static String migUuid(int gpu, int instance) {
        return String.format(Locale.ROOT, "MIG-%08x-0000-0000-0000-%012x", gpu, instance);
    }

    /** Every process of every kind on a GPU (the lists of a full GPU in MIG mode cover its instances). */
    static List<ProcessInfo> processes(GpuDevice d) {
        List<ProcessInfo> all = new ArrayList<>();
        for (ProcessKind kind : ProcessKind.values()) {
            all.addAll(d.processes(kind));
        }
        return all;
    }

    @Test
    void eightH100sFourOfThemInMigMode() {
        assertThat(nvml.deviceCount()).isEqualTo(GPUS);
        List<GpuDevice> gpus = nvml.devices();
        for (int n = 0; n < GPUS; n++) {
            GpuDevice g = gpus.get(n);
            assertThat(g.uuid()).isEqualTo(gpuUuid(n));
            assertThat(g.name()).isEqualTo("NVIDIA H100 80GB HBM3");
            assertThat(g.minorNumber()).hasValue(n);
            boolean mig = n < MIG_GPUS;
            assertThat(g.migMode()).contains(new MigMode(mig, mig));
            // MIG mode: no whole-GPU utilization; a whole GPU reports it
            assertThat(g.utilization().isPresent()).isEqualTo(!mig);
            assertThat(g.memory()).hasValueSatisfying(m -> {
                assertThat(m.total()).isEqualTo(85520809984L);
                assertThat(m.used()).isPositive().isLessThan(m.total());
            });
            assertThat(g.powerUsage().orElseThrow()).isBetween(150_000L, 700_000L);
        }
        assertThat(gpus.stream().filter(g -> g.migMode().orElseThrow().current()).count()).isEqualTo(MIG_GPUS);
    }

    @Test
    void sevenOneGTenGbInstancesOnEachMigGpu() {
        Set<String> uuids = new HashSet<>();
        for (int n = 0; n < GPUS; n++) {
            List<GpuDevice> migs = nvml.device(n).migDevices();
            if (n >= MIG_GPUS) {
                assertThat(migs).isEmpty();
                continue;
            }
            assertThat(migs).hasSize(INSTANCES);
            for (int i = 1; i <= INSTANCES; i++) {
                GpuDevice m = migs.get(i - 1);
                assertThat(m.isMig()).isTrue();
                assertThat(m.index()).isEqualTo(n);
                assertThat(m.uuid()).isEqualTo(migUuid(n, i));
                assertThat(m.name()).isEqualTo("NVIDIA H100 80GB HBM3 MIG 1g.10gb");
                assertThat(m.gpuInstanceId()).isEqualTo(6 + i);
                assertThat(m.computeInstanceId()).isZero();
                assertThat(m.memory()).hasValueSatisfying(mem -> {
                    assertThat(mem.total()).isEqualTo(10468982784L);
                    assertThat(mem.used()).isPositive().isLessThan(mem.total());
                });
                uuids.add(m.uuid());
            }
        }
        assertThat(uuids).hasSize(MIG_GPUS * INSTANCES);
    }

    @Test
    void twoHundredFiftySixProcessesFollowingThePidScheme() {
        int total = 0;
        Set<Long> pids = new HashSet<>();
        for (int n = 0; n < GPUS; n++) {
            GpuDevice g = nvml.device(n);
            List<ProcessInfo> procs = processes(g);
            total += procs.size();
            for (ProcessInfo p : procs) {
                assertThat(pids.add(p.pid())).as("pid %d unique", p.pid()).isTrue();
                assertThat(p.usedMemoryBytes().orElseThrow()).isPositive();
                if (n < MIG_GPUS) {
                    // 20000 + 1000*G + 100*I + k, on instance I (gpu_instance_id 6 + I)
                    int instance = p.gpuInstanceId() - 6;
                    assertThat(instance).isBetween(1, INSTANCES);
                    assertThat(p.computeInstanceId()).isZero();
                    assertThat(p.pid() - 20000 - 1000L * n - 100L * instance).isBetween(0L, 3L);
                } else {
                    // 10000 + 100*N + k, not on a MIG instance
                    assertThat(p.gpuInstanceId()).isEqualTo(-1);
                    assertThat(p.pid() - 10000 - 100L * n).isBetween(0L, 63L);
                }
            }
            assertThat(procs).hasSize(switch (n) {
                case 0, 1, 2, 3 -> 4 * INSTANCES;
                case 4, 5 -> 8;
                default -> 64;
            });
            if (n < MIG_GPUS) {
                for (GpuDevice m : g.migDevices()) {
                    assertThat(processes(m)).hasSize(4)
                            .allSatisfy(p -> assertThat(p.gpuInstanceId()).isEqualTo(m.gpuInstanceId()));
                }
            }
        }
        assertThat(total).isEqualTo(256);
    }

    @Test
    void processUtilizationOnWholeGpusOnly() {
        for (int n = 0; n < GPUS; n++) {
            var samples = nvml.device(n).processUtilizationSamples(0);
            if (n < MIG_GPUS) {
                assertThat(samples).isEmpty(); // MIG mode: not supported
            } else {
                assertThat(samples.orElseThrow()).hasSize(n < 6 ? 8 : 64);
            }
        }
    }

    @Test
    void readingsMove() throws InterruptedException {
        GpuDevice g = nvml.device(4);
        long energy = g.totalEnergyConsumption().orElseThrow();
        Thread.sleep(50);
        assertThat(g.totalEnergyConsumption().orElseThrow()).isGreaterThan(energy);
    }
}
