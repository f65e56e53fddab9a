package io.gpuagent.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's own C tests: the smoke test (src/test/c/sim_smoke.c) against the libraries the build made,
 * and the unit test of its function masks (src/test/c/sim_mask_test.c) against its header.
 */
class SimulatorSmokeTest {

    @Test
    void cSmokeTestPasses(@TempDir Path dir) throws Exception {
        Path libs = Path.of(System.getProperty("sim.lib.dir"));
        Path exe = dir.resolve("sim_smoke");
        run(List.of("gcc", "-std=gnu11", "-Wall", "-o", exe.toString(), "src/test/c/sim_smoke.c", "-ldl", "-lpthread"));
        String out = run(List.of(exe.toString(), libs.resolve("libnvidia-ml-sim.so").toString(),
                "src/main/resources/io/gpuagent/nvml/sim/scenarios/test-node.conf",
                libs.resolve("libnvidia-ml-sim-old.so").toString()));
        assertThat(out).containsPattern("sim smoke: \\d+ checks passed");
    }

    @Test
    void functionMasksGiveEachOfAtLeast256FunctionsABitOfItsOwn(@TempDir Path dir) throws Exception {
        Path exe = dir.resolve("sim_mask_test");
        run(List.of("gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-I", "src/main/c/sim", "-I", "src/main/jextract",
                "-o", exe.toString(), "src/test/c/sim_mask_test.c"));
        assertThat(run(List.of(exe.toString()))).containsPattern("sim mask: \\d+ checks passed");
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }
}
