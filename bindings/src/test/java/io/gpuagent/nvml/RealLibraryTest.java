package io.gpuagent.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Debian's real {@code libnvidia-ml.so.1} (package libnvidia-ml1; .ci/run installs it), through the
 * system loader as the agent's default {@code --nvml-library} does. Without a GPU driver it answers
 * nvmlInit_v2 with Driver Not Loaded, which must arrive as a typed error with NVML's own message.
 */
class RealLibraryTest {

    @Test
    void realLibraryWithoutDriverAnswersDriverNotLoaded() {
        boolean driverPresent = Files.exists(Path.of("/proc/driver/nvidia/version"));
        if (driverPresent) {
            // A GPU machine: the same call succeeds and sees at least one GPU.
            try (Nvml nvml = Nvml.open("libnvidia-ml.so.1")) {
                assertThat(nvml.deviceCount()).isPositive();
                assertThat(nvml.driverVersion()).isNotBlank();
            }
            return;
        }
        NvmlException e = catchThrowableOfType(NvmlException.class, () -> Nvml.open("libnvidia-ml.so.1"));
        assertThat(e).as("nvmlInit_v2 must fail without a driver").isNotNull();
        assertThat(e.status()).isEqualTo(NvmlReturn.DRIVER_NOT_LOADED);
        assertThat(e.code()).isEqualTo(9);
        assertThat(e.function()).isEqualTo("nvmlInit_v2");
        assertThat(e.nvmlMessage()).isEqualTo("Driver Not Loaded");
        assertThat(e.getMessage()).isEqualTo("nvmlInit_v2: Driver Not Loaded (9)");

        // Retrying (as the agent does with backoff) is safe and answers the same.
        NvmlException again = catchThrowableOfType(NvmlException.class, () -> Nvml.open("libnvidia-ml.so.1"));
        assertThat(again.status()).isEqualTo(NvmlReturn.DRIVER_NOT_LOADED);
    }

    /**
     * Every function the bindings name is exported by the real 535 library, including those newer than
     * the installed nvml.h (nvml_newer.h: nvmlGpmMigSampleGet), whose declaration the layout check cannot
     * take from the header.
     */
    @Test
    void theRealLibraryExportsEveryBoundFunction() throws Exception {
        Nvml.bind("libnvidia-ml.so.1");
        java.util.List<String> functions = Files.readAllLines(Path.of("src/main/jextract/nvml.args")).stream()
                .map(String::trim).filter(l -> l.startsWith("--include-function "))
                .map(l -> l.substring("--include-function ".length()).trim()).toList();
        assertThat(functions).contains("nvmlGpmMigSampleGet", "nvmlGpmMetricsGet");
        for (String f : functions) {
            assertThat(io.gpuagent.nvml.raw.nvml_h$library.current().find(f)).as("libnvidia-ml.so.1 exports %s", f)
                    .isPresent();
        }
    }

    @Test
    void errorStringsComeFromTheLibrary() {
        Nvml.bind("libnvidia-ml.so.1");
        assertThat(Calls.errorString(NvmlReturn.NOT_SUPPORTED.code())).isEqualTo("Not Supported");
        assertThat(Calls.errorString(NvmlReturn.GPU_IS_LOST.code())).isEqualTo("GPU is lost");
    }
}
