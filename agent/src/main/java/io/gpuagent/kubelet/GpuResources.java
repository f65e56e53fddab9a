package io.gpuagent.kubelet;

import java.util.List;
import java.util.Set;

/**
 * Which extended resources hold NVIDIA GPUs: {@code nvidia.com/gpu}, its renamed shared form
 * {@code nvidia.com/gpu.shared}, every MIG resource of the mixed strategy ({@code nvidia.com/mig-<profile>}),
 * plus names an operator adds (a renamed resource of their own). Any other resource is ignored.
 */
public record GpuResources(Set<String> extra) {

    public static final List<String> DEFAULT = List.of("nvidia.com/gpu", "nvidia.com/gpu.shared", "nvidia.com/mig-*");

    public GpuResources {
        extra = Set.copyOf(extra);
    }

    public static GpuResources defaults() {
        return new GpuResources(Set.of());
    }

    public boolean holdsGpus(String resourceName) {
        return resourceName.equals("nvidia.com/gpu") || resourceName.equals("nvidia.com/gpu.shared")
                || (resourceName.startsWith("nvidia.com/mig-") && resourceName.length() > "nvidia.com/mig-".length())
                || extra.contains(resourceName);
    }
}
