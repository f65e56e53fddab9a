package io.gpuagent.kubelet;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the device ids NVIDIA's device plugins hand to the kubelet. Pure: no I/O, no state.
 *
 * <ul>
 *   <li>{@code GPU-<uuid>}: a full GPU (nvidia.com/gpu)</li>
 *   <li>{@code MIG-<uuid>}: a MIG instance, single and mixed strategies (nvidia.com/gpu,
 *       nvidia.com/mig-1g.10gb, ...)</li>
 *   <li>{@code MIG-GPU-<gpu uuid>/<gi>/<ci>}: the legacy MIG form</li>
 *   <li>{@code <any of the above>::<n>}: replica n of a time-sliced or MPS-shared device (also under
 *       renamed resources such as nvidia.com/gpu.shared)</li>
 *   <li>GKE: {@code nvidia<N>}, {@code nvidia<N>/gi<M>}, and {@code .../vgpu<K>} for time-sharing</li>
 * </ul>
 */
public final class DeviceIds {

    private static final Pattern REPLICA = Pattern.compile("^(.+)::(\\d{1,9})$");
    private static final Pattern LEGACY_MIG = Pattern.compile("^MIG-(GPU-[0-9a-fA-F-]+)/(\\d{1,4})/(\\d{1,4})$");
    private static final Pattern GKE = Pattern.compile("^nvidia(\\d{1,4})(?:/gi(\\d{1,4}))?(?:/vgpu(\\d{1,9}))?$");
    private static final Pattern UUID_BODY = Pattern.compile("^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$");

    private DeviceIds() {
    }

    /** The device {@code id} refers to, or empty if it is not a form this agent knows. */
    public static Optional<DeviceRef> parse(String id) {
        if (id == null || id.isEmpty() || id.length() > 256) {
            return Optional.empty();
        }
        OptionalInt replica = OptionalInt.empty();
        String base = id;
        Matcher r = REPLICA.matcher(id);
        if (r.matches()) {
            base = r.group(1);
            replica = OptionalInt.of(Integer.parseInt(r.group(2)));
        }
        if (base.startsWith("MIG-GPU-")) {
            Matcher m = LEGACY_MIG.matcher(base);
            if (m.matches() && isUuid(m.group(1), "GPU-")) {
                return Optional.of(new DeviceRef.MigByInstance(m.group(1), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), replica));
            }
            return Optional.empty();
        }
        if (isUuid(base, "GPU-")) {
            return Optional.of(new DeviceRef.GpuUuid(base, replica));
        }
        if (isUuid(base, "MIG-")) {
            return Optional.of(new DeviceRef.MigUuid(base, replica));
        }
        Matcher g = GKE.matcher(base);
        if (g.matches()) {
            if (g.group(3) != null) {
                if (replica.isPresent()) {
                    return Optional.empty(); // both ::n and /vgpuK: not a real form
                }
                replica = OptionalInt.of(Integer.parseInt(g.group(3)));
            }
            int minor = Integer.parseInt(g.group(1));
            return Optional.of(g.group(2) == null ? new DeviceRef.GpuMinor(minor, replica)
                    : new DeviceRef.MigByMinor(minor, Integer.parseInt(g.group(2)), replica));
        }
        return Optional.empty();
    }

    private static boolean isUuid(String s, String prefix) {
        return s.startsWith(prefix) && UUID_BODY.matcher(s.substring(prefix.length())).matches();
    }
}
