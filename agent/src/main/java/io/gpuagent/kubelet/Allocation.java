package io.gpuagent.kubelet;

import java.util.Objects;
import java.util.Optional;

/**
 * One device id held by one container, parsed.
 *
 * @param resource the extended resource it was allocated under, e.g. {@code nvidia.com/mig-1g.10gb}, or the DRA
 *     driver of a claim's device
 * @param deviceId the id as the kubelet reported it
 * @param claim the DRA claim's device it came from; empty for a device plugin's device
 */
public record Allocation(Holder holder, String resource, String deviceId, DeviceRef ref,
        Optional<ContainerAllocation.ClaimDevice> claim) {

    public Allocation {
        Objects.requireNonNull(claim, "claim");
    }

    /** A device plugin's device. */
    public Allocation(Holder holder, String resource, String deviceId, DeviceRef ref) {
        this(holder, resource, deviceId, ref, Optional.empty());
    }

    /** A container that holds devices. */
    public record Holder(String namespace, String pod, String container) {
    }
}
