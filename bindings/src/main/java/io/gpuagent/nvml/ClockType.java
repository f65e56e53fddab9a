package io.gpuagent.nvml;

import io.gpuagent.nvml.raw.nvml_h;

/** {@code nvmlClockType_t}. */
public enum ClockType {
    GRAPHICS(nvml_h.NVML_CLOCK_GRAPHICS()),
    SM(nvml_h.NVML_CLOCK_SM()),
    MEMORY(nvml_h.NVML_CLOCK_MEM()),
    VIDEO(nvml_h.NVML_CLOCK_VIDEO());

    final int value;

    ClockType(int value) {
        this.value = value;
    }
}
