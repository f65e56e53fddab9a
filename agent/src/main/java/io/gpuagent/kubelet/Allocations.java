package io.gpuagent.kubelet;

import java.util.List;

/**
 * Every GPU device the kubelet reports as allocated on this node, at one refresh.
 *
 * @param unparsed ids under GPU resources that no known form matched (reported, not attributed)
 */
public record Allocations(List<Allocation> devices, List<String> unparsed) {

    public Allocations {
        devices = List.copyOf(devices);
        unparsed = List.copyOf(unparsed);
    }

    public static Allocations from(List<ContainerAllocation> containers, GpuResources resources) {
        List<Allocation> devices = new java.util.ArrayList<>();
        List<String> unparsed = new java.util.ArrayList<>();
        for (ContainerAllocation c : containers) {
            Allocation.Holder holder = new Allocation.Holder(c.namespace(), c.pod(), c.container());
            for (ContainerAllocation.DeviceGroup g : c.devices()) {
                if (!resources.holdsGpus(g.resourceName())) {
                    continue;
                }
                for (String id : g.deviceIds()) {
                    DeviceIds.parse(id).ifPresentOrElse(
                            ref -> devices.add(new Allocation(holder, g.resourceName(), id, ref)),
                            () -> unparsed.add(g.resourceName() + "=" + id));
                }
            }
        }
        return new Allocations(devices, unparsed);
    }
}
