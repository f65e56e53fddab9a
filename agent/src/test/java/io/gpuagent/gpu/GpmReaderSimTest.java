package io.gpuagent.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.FieldValues;
import io.gpuagent.nvml.GpmMetric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GPM in the NVML collection on scenarios of its own (through the real bindings on the simulator). */
class GpmReaderSimTest {

    @TempDir
    Path dir;

    private TestGpus source(String scenario) throws Exception {
        Path file = Files.writeString(dir.resolve("gpm.conf"), scenario);
        return new TestGpus(NvmlOpener.simulator(file.toString()));
    }

    @Test
    void computeInstancesOfOneGpuInstanceShareItsGpmValues() throws Exception {
        try (TestGpus s = source("""
                [gpu]
                name = NVIDIA H100 80GB HBM3
                mig_mode = 1
                gpm = 1
                [mig]
                gpu = 0
                gpu_instance_id = 1
                compute_instance_id = 0
                profile = 1c.3g.40gb
                gpm_sm_active = 30
                [mig]
                gpu = 0
                gpu_instance_id = 1
                compute_instance_id = 1
                profile = 2c.3g.40gb
                gpm_sm_active = 99                 # not used: GPM samples GPU instances
                [mig]
                gpu = 0
                gpu_instance_id = 2
                profile = 3g.40gb
                gpm_sm_active = 12
                """)) {
            s.collect();
            s.collect();
            GpuSnapshot snap = s.state().latest().orElseThrow();
            assertThat(snap.migs()).hasSize(3);
            assertThat(snap.migs()).extracting(m -> m.values().fraction(DeviceField.of(GpmMetric.SM_ACTIVITY)).orElse(-1))
                    .containsExactly(30.0, 30.0, 12.0);
        }
    }

    @Test
    void aGpuLostAndBackGoesOnWithoutErrorsFromGpm() throws Exception {
        try (TestGpus s = source("""
                [gpu]
                name = NVIDIA H100 80GB HBM3
                gpm = 1
                gpm_dram_active = 40
                lost_after_calls = 60
                recover_after_calls = 3
                """)) {
            boolean sawDown = false;
            for (int i = 0; i < 12; i++) {
                s.collect();
                GpuReading g = s.state().latest().orElseThrow().gpus().get(0);
                sawDown |= !g.up();
            }
            assertThat(sawDown).as("the scenario loses the GPU").isTrue();
            List<GpuReading> gpus = s.state().latest().orElseThrow().gpus();
            assertThat(gpus.get(0).up()).isTrue();
            assertThat(gpus.get(0).values().fraction(DeviceField.of(GpmMetric.DRAM_ACTIVITY))).hasValue(40.0);
        }
    }

    @Test
    void aGpuWhoseSamplesAreUnsupportedHasNoValuesAndNoErrors() throws Exception {
        try (TestGpus s = source("""
                [gpu]
                name = NVIDIA H100 80GB HBM3
                gpm = 1
                gpm_sm_active = 10
                unsupported = nvmlGpmSampleGet
                """)) {
            for (int i = 0; i < 3; i++) {
                s.collect();
            }
            FieldValues v = s.state().latest().orElseThrow().gpus().get(0).values();
                assertThat(GpmMetric.values()).noneMatch(m -> v.has(DeviceField.of(m)));
            assertThat(s.state().errors()).isZero();
        }
    }
}
