package io.gpuagent.gpu;

/**
 * A MIG instance: its parent GPU, its own UUID, GPU and compute instance ids, and the profile
 * ({@code 3g.20gb}) taken from the name NVML gives the instance ({@code ... MIG 3g.20gb}).
 */
public record MigIdentity(GpuIdentity parent, String migUuid, int gpuInstanceId, int computeInstanceId, String profile) {

    /** The profile out of a MIG device name such as {@code NVIDIA A100-SXM4-40GB MIG 1g.5gb}; "" if absent. */
    public static String profileFromName(String name) {
        int at = name.lastIndexOf(" MIG ");
        return at < 0 ? "" : name.substring(at + 5).trim();
    }
}
