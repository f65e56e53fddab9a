package io.gpuagent.kubelet;

import java.util.List;

/**
 * Every GPU device the kubelet reports as allocated on this node, at one refresh.
 *
 * @param unparsed ids under GPU resources that no known form matched (reported, not attributed)
 * @param advertised every GPU device id the node can allocate (pod-resources GetAllocatableResources), parsed:
 *     a time-sliced GPU appears once per replica, which is what makes one replica's share of it known; empty
 *     where the kubelet does not answer that call
 */
public record Allocations(List<Allocation> devices, List<String> unparsed, List<DeviceRef> advertised) {

    public Allocations {
        devices = List.copyOf(devices);
        unparsed = List.copyOf(unparsed);
        advertised = List.copyOf(advertised);
    }

    /** Allocations without the node's allocatable devices. */
    public Allocations(List<Allocation> devices, List<String> unparsed) {
        this(devices, unparsed, List.of());
    }

    /** The same allocations, with the node's allocatable devices of GPU resources (ids in no known form skipped). */
    public Allocations advertising(List<ContainerAllocation.DeviceGroup> allocatable, GpuResources resources) {
        List<DeviceRef> refs = new java.util.ArrayList<>();
        for (ContainerAllocation.DeviceGroup g : allocatable) {
            if (resources.holdsGpus(g.resourceName())) {
                g.deviceIds().forEach(id -> DeviceIds.parse(id).ifPresent(refs::add));
            }
        }
        return new Allocations(devices, unparsed, refs);
    }

    /**
     * Whether a container of that pod holds a GPU device (an id no known form matched does not count): the serving
     * source looks for an inference server on well-known ports only in such pods.
     */
    public boolean holdsGpu(String namespace, String pod) {
        return devices.stream().anyMatch(d -> d.holder().namespace().equals(namespace) && d.holder().pod().equals(pod));
    }

    public static Allocations from(List<ContainerAllocation> containers, GpuResources resources) {
        return from(containers, resources, claim -> java.util.Optional.empty());
    }

    /**
     * @param claims resolves a DRA claim device to the GPU or MIG instance it is (through the node's
     *     ResourceSlices); claims of other drivers or that do not resolve are reported as unparsed
     */
    public static Allocations from(List<ContainerAllocation> containers, GpuResources resources,
            java.util.function.Function<ContainerAllocation.ClaimDevice, java.util.Optional<DeviceRef>> claims) {
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
            for (ContainerAllocation.ClaimDevice d : c.claims()) {
                // the DRA driver's name stands where a device plugin's resource name would
                String id = d.poolName() + "/" + d.deviceName();
                claims.apply(d).ifPresentOrElse(
                        ref -> devices.add(new Allocation(holder, d.driverName(), id, ref, java.util.Optional.of(d))),
                        () -> unparsed.add(d.driverName() + "=" + id + " (claim " + d.claimNamespace() + "/" + d.claimName() + ")"));
            }
        }
        return new Allocations(devices, unparsed);
    }
}
