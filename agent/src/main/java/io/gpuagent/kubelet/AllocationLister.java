package io.gpuagent.kubelet;

import java.util.List;

/** What {@link AllocationSource} needs of the kubelet: its List call (the client, or a fake in tests). */
@FunctionalInterface
public interface AllocationLister {

    List<ContainerAllocation> list() throws PodResourcesException;
}
