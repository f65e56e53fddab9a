package io.gpuagent.nvml;

/**
 * {@code nvmlDeviceGetRemappedRows}: rows of device memory remapped (Ampere and newer).
 *
 * @param correctable rows remapped because of correctable errors
 * @param uncorrectable rows remapped because of uncorrectable errors
 * @param pending a remapping waits for the next GPU reset
 * @param failureOccurred a remapping has failed in the past
 */
public record RemappedRows(long correctable, long uncorrectable, boolean pending, boolean failureOccurred) {
}
