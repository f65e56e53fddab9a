package io.gpuagent.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gpuagent.nvml.sim.SimulatedNvml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four PCIe link reads through the real FFM path against a scenario of their own: values, the
 * defaults, NOT_SUPPORTED, a MIG device, a lost GPU and a hanging call.
 */
class PcieLinkTest {

    static final String SCENARIO = """
            [gpu]                                   # 0: trained at Gen3 x8 of Gen4 x16 (every value distinct)
            pcie_link_gen = 3
            pcie_link_max_gen = 4
            pcie_link_width = 8
            pcie_link_max_width = 16

            [gpu]                                   # 1: no key: the default Gen4 x16 link, at full speed

            [gpu]                                   # 2: a Gen5 board given only its maximum; two reads not supported
            pcie_link_max_gen = 5
            unsupported = nvmlDeviceGetCurrPcieLinkGeneration, nvmlDeviceGetMaxPcieLinkWidth

            [gpu]                                   # 3: falls off the bus after two calls
            lost_after_calls = 2

            [gpu]                                   # 4: the width hangs once, for 0.5 s
            hang = nvmlDeviceGetCurrPcieLinkWidth
            hang_seconds = 0.5
            hang_times = 1

            [gpu]                                   # 5: MIG mode, one MIG device
            mig_mode = 1
            [mig]
            gpu = 5

            [gpu]                                   # 6: a link whose generation drops at idle: Gen1 for 1 s, then Gen4
            pcie_link_gen = cycle(1, 1, 4)
            """;

    /** The four reads, in the order current generation, maximum generation, current width, maximum width. */
    static final List<Function<GpuDevice, OptionalLong>> READS = List.of(
            GpuDevice::pcieLinkGeneration, GpuDevice::pcieLinkMaxGeneration,
            GpuDevice::pcieLinkWidth, GpuDevice::pcieLinkMaxWidth);

    @TempDir
    static Path dir;

    static Nvml nvml;

    @BeforeAll
    static void open() throws Exception {
        Path scenario = dir.resolve("pcie-link.conf");
        Files.writeString(scenario, SCENARIO, StandardCharsets.UTF_8);
        String lib = SimulatedNvml.extractLibrary(SimulatedNvml.LIBRARY).toString();
        Nvml.bind(lib);
        SimulatedNvml.setScenario(scenario);
        nvml = Nvml.open(lib);
    }

    @AfterAll
    static void close() {
        nvml.close();
    }

    static List<OptionalLong> all(GpuDevice d) {
        return READS.stream().map(r -> r.apply(d)).toList();
    }

    @Test
    void currentAndMaximumGenerationAndWidth() {
        GpuDevice g0 = nvml.device(0);
        assertThat(g0.pcieLinkGeneration()).hasValue(3);
        assertThat(g0.pcieLinkMaxGeneration()).hasValue(4);
        assertThat(g0.pcieLinkWidth()).hasValue(8);
        assertThat(g0.pcieLinkMaxWidth()).hasValue(16);
    }

    @Test
    void withoutKeysALinkRunsAtItsMaximum() {
        assertThat(all(nvml.device(1))).containsExactly(
                OptionalLong.of(4), OptionalLong.of(4), OptionalLong.of(16), OptionalLong.of(16));
        GpuDevice g2 = nvml.device(2);
        assertThat(g2.pcieLinkMaxGeneration()).hasValue(5);
        assertThat(g2.pcieLinkWidth()).hasValue(16);
    }

    @Test
    void notSupportedIsEmptyForThatReadOnly() {
        GpuDevice g2 = nvml.device(2);
        assertThat(g2.pcieLinkGeneration()).as("NOT_SUPPORTED").isEmpty();
        assertThat(g2.pcieLinkMaxWidth()).as("NOT_SUPPORTED").isEmpty();
        assertThat(g2.pcieLinkMaxGeneration()).isPresent();
        assertThat(g2.pcieLinkWidth()).isPresent();
    }

    @Test
    void aMigDeviceHasNoLinkOfItsOwnButItsGpuDoes() {
        GpuDevice g5 = nvml.device(5);
        assertThat(all(g5)).as("a GPU in MIG mode answers for the board").allMatch(OptionalLong::isPresent);
        GpuDevice mig = g5.migDevices().getFirst();
        assertThat(all(mig)).as("a MIG device handle: NOT_SUPPORTED").allMatch(OptionalLong::isEmpty);
    }

    @Test
    void theGenerationMovesWithTheScenarioClock() throws Exception {
        GpuDevice g6 = nvml.device(6);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        java.util.Set<Long> seen = new java.util.TreeSet<>();
        while (seen.size() < 2 && System.nanoTime() < deadline) {
            seen.add(g6.pcieLinkGeneration().orElseThrow());
            Thread.sleep(100);
        }
        assertThat(seen).containsExactly(1L, 4L);
        assertThat(g6.pcieLinkMaxGeneration()).hasValue(4);
    }

    @Test
    void aLostGpuThrowsWithItsStatusAndTheFunction() {
        GpuDevice g3 = nvml.device(3);
        assertThat(g3.pcieLinkGeneration()).hasValue(4);
        assertThat(g3.pcieLinkMaxGeneration()).hasValue(4);
        for (int i = 0; i < READS.size(); i++) {
            Function<GpuDevice, OptionalLong> read = READS.get(i);
            NvmlException e = catchThrowableOfType(NvmlException.class, () -> read.apply(g3));
            assertThat(e).as("read %d on a lost GPU", i).isNotNull();
            assertThat(e.status()).isEqualTo(NvmlReturn.GPU_IS_LOST);
        }
        NvmlException e = catchThrowableOfType(NvmlException.class, g3::pcieLinkMaxWidth);
        assertThat(e.function()).isEqualTo("nvmlDeviceGetMaxPcieLinkWidth");
        assertThat(e.getMessage()).isEqualTo("nvmlDeviceGetMaxPcieLinkWidth: GPU is lost (15)");
    }

    @Test
    void aHangingReadBlocksOnlyItsCallerThenAnswers() throws Exception {
        GpuDevice g4 = nvml.device(4);
        long t0 = System.nanoTime();
        CompletableFuture<OptionalLong> hanging = CompletableFuture.supplyAsync(g4::pcieLinkWidth);
        Thread.sleep(100);
        // the safe layer holds no lock across a call: another thread's read of another GPU goes on
        long t1 = System.nanoTime();
        assertThat(nvml.device(0).pcieLinkMaxWidth()).hasValue(16);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1)).isLessThan(300);
        assertThat(hanging.isDone()).as("still hanging").isFalse();
        assertThat(hanging.get(5, TimeUnit.SECONDS)).hasValue(16);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(450);
        // hang_times = 1: the next call answers at once
        long t2 = System.nanoTime();
        assertThat(g4.pcieLinkWidth()).hasValue(16);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t2)).isLessThan(300);
    }
}
