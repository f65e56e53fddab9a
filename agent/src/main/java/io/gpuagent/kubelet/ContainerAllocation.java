package io.gpuagent.kubelet;

import java.util.List;

/**
 * What the kubelet's pod-resources List reports for one container: its device-plugin devices by
 * resource name, and its DRA claim devices. Raw: device ids are parsed elsewhere ({@link DeviceIds}).
 */
public record ContainerAllocation(String namespace, String pod, String container, List<DeviceGroup> devices,
        List<ClaimDevice> claims) {

    public ContainerAllocation {
        devices = List.copyOf(devices);
        claims = List.copyOf(claims);
    }

    /** Device-plugin devices of one resource, e.g. {@code nvidia.com/gpu} → {@code [GPU-..., GPU-...]}. */
    public record DeviceGroup(String resourceName, List<String> deviceIds) {

        public DeviceGroup {
            deviceIds = List.copyOf(deviceIds);
        }
    }

    /** One device of a DRA claim ({@code DynamicResource.claim_resources}). */
    public record ClaimDevice(String claimNamespace, String claimName, String driverName, String poolName,
            String deviceName) {
    }
}
