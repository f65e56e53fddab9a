package io.gpuagent.nvml;

/**
 * An XID critical error reported through an event set.
 *
 * @param device the GPU it happened on (the full GPU, also for errors attributed to a MIG instance)
 * @param gpuInstanceId -1 unless attributed to a MIG GPU instance
 * @param computeInstanceId -1 unless attributed to a MIG compute instance
 */
public record XidEvent(GpuDevice device, long xid, int gpuInstanceId, int computeInstanceId) {
}
