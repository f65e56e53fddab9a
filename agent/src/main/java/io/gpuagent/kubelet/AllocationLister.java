package io.gpuagent.kubelet;

import java.util.List;

/** What {@link AllocationSource} needs of the kubelet: its List call (the client, or a fake in tests). */
@FunctionalInterface
public interface AllocationLister {

    List<ContainerAllocation> list() throws PodResourcesException;

    /**
     * The devices the node can allocate, by resource (GetAllocatableResources, GA since Kubernetes 1.23); none
     * where the lister cannot say.
     */
    default List<ContainerAllocation.DeviceGroup> allocatable() throws PodResourcesException {
        return List.of();
    }
}
