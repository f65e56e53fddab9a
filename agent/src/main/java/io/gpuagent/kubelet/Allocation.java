package io.gpuagent.kubelet;

/**
 * One device id held by one container, parsed.
 *
 * @param resource the extended resource it was allocated under, e.g. {@code nvidia.com/mig-1g.10gb}
 * @param deviceId the id as the kubelet reported it
 */
public record Allocation(Holder holder, String resource, String deviceId, DeviceRef ref) {

    /** A container that holds devices. */
    public record Holder(String namespace, String pod, String container) {
    }
}
