// Generated in the shape of jextract 22 output from nvml.h (driver 535); see bindings/src/main/jextract/nvml.args.
// Do not edit by hand: fixes belong in the safe layer (io.gpuagent.nvml).

package io.gpuagent.nvml.raw;

/**
 * {@snippet lang=c : typedef union nvmlValue_st { ... } nvmlValue_t }
 */
public class nvmlValue_t extends nvmlValue_st {

    nvmlValue_t() {
        // Should not be called directly
    }
}
