package io.gpuagent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.kubelet.ContainerAllocation.DeviceGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationsTest {

    static final String U0 = "GPU-00000000-0000-0000-0000-000000000000";

    static ContainerAllocation holds(String namespace, String pod, String resource, String id) {
        return new ContainerAllocation(namespace, pod, "c", List.of(new DeviceGroup(resource, List.of(id))), List.of());
    }

    @Test
    void aPodHoldsAGpuWhenOneOfItsContainersHoldsAParsedGpuDevice() {
        Allocations a = Allocations.from(List.of(holds("ml", "train", "nvidia.com/gpu", U0),
                holds("ml", "odd", "nvidia.com/gpu", "weird-id"), holds("ml", "fpga", "example.com/fpga", U0)),
                GpuResources.defaults());
        assertThat(a.holdsGpu("ml", "train")).isTrue();
        assertThat(a.holdsGpu("other", "train")).as("same name, other namespace").isFalse();
        assertThat(a.holdsGpu("ml", "odd")).as("an id no form matched").isFalse();
        assertThat(a.holdsGpu("ml", "fpga")).as("not a GPU resource").isFalse();
        assertThat(a.holdsGpu("ml", "absent")).isFalse();
    }
}
