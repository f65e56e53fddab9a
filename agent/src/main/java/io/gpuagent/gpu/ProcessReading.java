package io.gpuagent.gpu;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One process on one GPU (or MIG instance) in one collection, from NVML's compute, graphics and MPS
 * process lists and its process utilization samples.
 *
 * @param gpuInstanceId the MIG GPU instance it runs in; empty outside MIG
 * @param computeInstanceId the MIG compute instance; empty outside MIG
 * @param usedMemoryBytes framebuffer memory it holds; empty where NVML cannot say
 * @param smPercent its SM utilization over the samples since the last collection: 0 when it had no new
 *     sample, empty when the GPU cannot report per-process utilization (e.g. MIG mode)
 */
public record ProcessReading(int gpuIndex, OptionalInt gpuInstanceId, OptionalInt computeInstanceId, long pid,
        OptionalLong usedMemoryBytes, OptionalInt smPercent) {
}
