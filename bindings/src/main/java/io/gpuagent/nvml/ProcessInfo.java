package io.gpuagent.nvml;

import java.util.OptionalLong;

/**
 * A process running on a GPU ({@code nvmlProcessInfo_t}, the {@code _v3} list calls).
 *
 * @param usedMemoryBytes empty when NVML reports NVML_VALUE_NOT_AVAILABLE
 * @param gpuInstanceId -1 (0xFFFFFFFF) outside MIG
 * @param computeInstanceId -1 (0xFFFFFFFF) outside MIG
 */
public record ProcessInfo(long pid, ProcessKind kind, OptionalLong usedMemoryBytes, int gpuInstanceId, int computeInstanceId) {
}
