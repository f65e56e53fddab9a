package io.gpuagent.nvml;

import java.util.OptionalLong;

/**
 * Framebuffer memory in bytes. From {@code nvmlDeviceGetMemoryInfo_v2} where the driver has it: there
 * {@code used} excludes {@code reserved}; from the v1 call {@code reserved} is absent and {@code used}
 * includes what the driver reserves.
 */
public record MemoryInfo(long total, long used, long free, OptionalLong reserved) {
}
