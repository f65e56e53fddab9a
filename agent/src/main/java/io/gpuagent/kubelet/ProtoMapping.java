package io.gpuagent.kubelet;

import io.gpuagent.kubelet.v1.ClaimResource;
import io.gpuagent.kubelet.v1.ContainerDevices;
import io.gpuagent.kubelet.v1.ContainerResources;
import io.gpuagent.kubelet.v1.DynamicResource;
import io.gpuagent.kubelet.v1.PodResources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** From the generated pod-resources messages to this agent's records; keeps the rest free of protobuf. */
final class ProtoMapping {

    private ProtoMapping() {
    }

    /** One entry per container that holds any device or DRA claim device; the others are left out. */
    static List<ContainerAllocation> containers(List<PodResources> pods) {
        List<ContainerAllocation> out = new ArrayList<>();
        for (PodResources pod : pods) {
            for (ContainerResources c : pod.getContainersList()) {
                List<ContainerAllocation.DeviceGroup> groups = groups(c.getDevicesList());
                List<ContainerAllocation.ClaimDevice> claims = claims(c.getDynamicResourcesList());
                if (!groups.isEmpty() || !claims.isEmpty()) {
                    out.add(new ContainerAllocation(pod.getNamespace(), pod.getName(), c.getName(), groups, claims));
                }
            }
        }
        return out;
    }

    /**
     * Device ids by resource, in the kubelet's order. The kubelet sends one {@code ContainerDevices} per
     * device (each with its own NUMA topology), so entries of one resource are merged into one group.
     */
    static List<ContainerAllocation.DeviceGroup> groups(List<ContainerDevices> devices) {
        Map<String, List<String>> byResource = new LinkedHashMap<>();
        for (ContainerDevices d : devices) {
            if (d.getDeviceIdsCount() > 0) {
                byResource.computeIfAbsent(d.getResourceName(), k -> new ArrayList<>()).addAll(d.getDeviceIdsList());
            }
        }
        List<ContainerAllocation.DeviceGroup> out = new ArrayList<>(byResource.size());
        byResource.forEach((resource, ids) -> out.add(new ContainerAllocation.DeviceGroup(resource, ids)));
        return out;
    }

    static List<ContainerAllocation.ClaimDevice> claims(List<DynamicResource> dynamic) {
        List<ContainerAllocation.ClaimDevice> out = new ArrayList<>();
        for (DynamicResource d : dynamic) {
            for (ClaimResource r : d.getClaimResourcesList()) {
                out.add(new ContainerAllocation.ClaimDevice(d.getClaimNamespace(), d.getClaimName(),
                        r.getDriverName(), r.getPoolName(), r.getDeviceName()));
            }
        }
        return out;
    }
}
