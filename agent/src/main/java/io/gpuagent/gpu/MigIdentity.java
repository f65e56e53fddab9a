package io.gpuagent.gpu;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MIG instance: its parent GPU, its own UUID, GPU and compute instance ids, and the profile
 * ({@code 3g.20gb}) taken from the name NVML gives the instance ({@code ... MIG 3g.20gb}).
 *
 * @param gpuSlices the parent's compute slices (NVML's maximum MIG device count: 7 on an A100 or H100, 4 on an
 *     A30); 0 where unknown
 */
public record MigIdentity(GpuIdentity parent, String migUuid, int gpuInstanceId, int computeInstanceId, String profile,
        int gpuSlices) {

    /** {@code 3g.40gb}, {@code 1c.3g.40gb} (a compute instance of a 3g GPU instance), {@code 1g.10gb+me}. */
    private static final Pattern SLICES = Pattern.compile("^(?:(\\d+)c\\.)?(\\d+)g\\.");

    /** An instance whose parent's slice count is unknown. */
    public MigIdentity(GpuIdentity parent, String migUuid, int gpuInstanceId, int computeInstanceId, String profile) {
        this(parent, migUuid, gpuInstanceId, computeInstanceId, profile, 0);
    }

    /** The profile out of a MIG device name such as {@code NVIDIA A100-SXM4-40GB MIG 1g.5gb}; "" if absent. */
    public static String profileFromName(String name) {
        int at = name.lastIndexOf(" MIG ");
        return at < 0 ? "" : name.substring(at + 5).trim();
    }

    /**
     * The compute slices this instance runs on, from its profile: the {@code c} count of a compute-instance profile
     * ({@code 1c.3g.40gb}: 1), else the GPU instance's {@code g} count ({@code 3g.40gb}: 3); empty for a profile
     * in neither form.
     */
    public OptionalInt slices() {
        Matcher m = SLICES.matcher(profile);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        int n = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
        return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
    }
}
