package io.gpuagent.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One JVM binds one library (see nvml_h$library), hence the order. A library that cannot be loaded is a typed LIBRARY_NOT_FOUND naming the library, and can be retried. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LibraryNotFoundTest {

    @Test
    @Order(1)
    void missingLibraryIsLibraryNotFoundNamingIt() {
        for (int attempt = 0; attempt < 2; attempt++) {
            NvmlException e = catchThrowableOfType(NvmlException.class, () -> Nvml.open("/nonexistent/libnvidia-ml.so.1"));
            assertThat(e.status()).isEqualTo(NvmlReturn.LIBRARY_NOT_FOUND);
            assertThat(e.getMessage()).contains("/nonexistent/libnvidia-ml.so.1");
        }
    }

    @Test
    @Order(2) // binds libc for the rest of this JVM's life
    void aLibraryThatIsNotNvmlIsRefused() {
        NvmlException e = catchThrowableOfType(NvmlException.class, () -> Nvml.open("libc.so.6"));
        assertThat(e.status()).isEqualTo(NvmlReturn.LIBRARY_NOT_FOUND);
        assertThat(e.getMessage()).contains("not an NVML library");
    }
}
