package io.gpuagent.nvml;

/**
 * {@code nvmlProcessUtilizationSample_t}: one process's utilization over NVML's last sample period.
 *
 * @param timestampMicros CPU timestamp (microseconds since the epoch) of the sample
 */
public record ProcessSample(long pid, long timestampMicros, int smPercent, int memoryPercent, int encoderPercent,
        int decoderPercent) {
}
