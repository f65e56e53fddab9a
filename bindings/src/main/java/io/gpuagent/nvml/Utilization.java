package io.gpuagent.nvml;

/** {@code nvmlUtilization_t}: percent of the last sample period the GPU (kernels) and memory were busy. */
public record Utilization(int gpuPercent, int memoryPercent) {
}
