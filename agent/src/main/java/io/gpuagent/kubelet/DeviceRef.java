package io.gpuagent.kubelet;

import java.util.OptionalInt;

/**
 * What a device id the kubelet hands out points at, before it is matched against the GPUs NVML sees.
 * Every form carries the replica number of a shared (time-sliced, MPS) id, if any.
 */
public sealed interface DeviceRef {

    /** {@code ::n} of time-slicing and MPS replicas, {@code /vgpuK} on GKE; empty for an exclusive id. */
    OptionalInt replica();

    /** A full GPU by UUID: {@code GPU-...}. */
    record GpuUuid(String uuid, OptionalInt replica) implements DeviceRef {
    }

    /** A MIG instance by its own UUID: {@code MIG-...} (drivers R470 and newer). */
    record MigUuid(String migUuid, OptionalInt replica) implements DeviceRef {
    }

    /** The legacy MIG form {@code MIG-GPU-<gpu uuid>/<gi>/<ci>} (drivers before R470). */
    record MigByInstance(String gpuUuid, int gpuInstanceId, int computeInstanceId, OptionalInt replica) implements DeviceRef {
    }

    /** GKE's {@code nvidia<N>}: the GPU with minor number N. */
    record GpuMinor(int minor, OptionalInt replica) implements DeviceRef {
    }

    /** GKE's {@code nvidia<N>/gi<M>}: GPU instance M of the GPU with minor number N. */
    record MigByMinor(int minor, int gpuInstanceId, OptionalInt replica) implements DeviceRef {
    }
}
