package io.gpuagent.dra;

import io.gpuagent.kubelet.ContainerAllocation.ClaimDevice;
import io.gpuagent.kubelet.DeviceRef;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a device of a DRA claim, as the kubelet reports it (driver, pool, device name), into the GPU or
 * MIG instance it is. The kubelet only knows the driver's own device name ({@code gpu-0}); the UUID NVML
 * reports lives in the attributes the driver published in its ResourceSlice, so those are asked first and
 * the device name is only a fallback.
 */
public final class DraDevices {

    /** The NVIDIA DRA driver; also the domain its attribute names may be qualified with. */
    public static final String DRIVER = "gpu.nvidia.com";

    private static final Pattern GPU_NAME = Pattern.compile("gpu-(\\d{1,9})");

    private DraDevices() {
    }

    /**
     * @param sliceAttributes the attributes the driver published for a device of this node, empty when
     *        no ResourceSlice of this node names it (not listed yet, or the DRA API is off)
     * @return what the device is; empty for other drivers, non-GPU devices (e.g. IMEX channels) and
     *         names that cannot be told apart without the slice
     */
    public static Optional<DeviceRef> resolve(ClaimDevice device,
            Function<PoolDevice, Optional<Map<String, String>>> sliceAttributes) {
        if (!DRIVER.equals(device.driverName()) || device.poolName() == null || device.deviceName() == null) {
            return Optional.empty();
        }
        Optional<Map<String, String>> attributes = sliceAttributes
                .apply(new PoolDevice(device.poolName(), device.deviceName()));
        if (attributes.isPresent()) {
            Optional<DeviceRef> bySlice = bySlice(attributes.get());
            if (bySlice.isPresent() || isTyped(attributes.get())) {
                // A typed device the slice cannot place is not guessed at by name: the slice is the truth.
                return bySlice;
            }
        }
        return byName(device.deviceName());
    }

    private static Optional<DeviceRef> bySlice(Map<String, String> attributes) {
        String type = attribute(attributes, "type").map(t -> t.toLowerCase(Locale.ROOT)).orElse("gpu");
        Optional<String> uuid = attribute(attributes, "uuid");
        OptionalInt none = OptionalInt.empty(); // DRA hands out whole devices: no replica numbers
        return switch (type) {
            case "mig" -> {
                if (uuid.isPresent()) {
                    yield Optional.of(new DeviceRef.MigUuid(uuid.get(), none));
                }
                Optional<String> parent = attribute(attributes, "parentUUID");
                OptionalInt gi = integer(attributes, "gpuInstanceId", "gi");
                OptionalInt ci = integer(attributes, "computeInstanceId", "ci");
                yield parent.isPresent() && gi.isPresent() && ci.isPresent()
                        ? Optional.of(new DeviceRef.MigByInstance(parent.get(), gi.getAsInt(), ci.getAsInt(), none))
                        : Optional.empty();
            }
            case "gpu" -> {
                if (uuid.isPresent()) {
                    yield Optional.of(new DeviceRef.GpuUuid(uuid.get(), none));
                }
                OptionalInt minor = integer(attributes, "minor");
                yield minor.isPresent() ? Optional.of(new DeviceRef.GpuMinor(minor.getAsInt(), none)) : Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    private static boolean isTyped(Map<String, String> attributes) {
        return attribute(attributes, "type").isPresent();
    }

    /**
     * The driver's naming: {@code gpu-<minor>} for a whole GPU. A MIG device's name ({@code gpu-0-mig-1g.5gb-0})
     * gives its parent and profile but not which GPU/compute instance it got, so it stays unresolved rather
     * than being pinned on the wrong instance.
     */
    private static Optional<DeviceRef> byName(String name) {
        Matcher gpu = GPU_NAME.matcher(name);
        return gpu.matches()
                ? Optional.of(new DeviceRef.GpuMinor(Integer.parseInt(gpu.group(1)), OptionalInt.empty()))
                : Optional.empty();
    }

    /** An attribute by its bare name or qualified with the driver's domain (both mean the same in DRA). */
    static Optional<String> attribute(Map<String, String> attributes, String name) {
        String value = attributes.get(name);
        if (value == null) {
            value = attributes.get(DRIVER + "/" + name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static OptionalInt integer(Map<String, String> attributes, String... names) {
        for (String name : names) {
            Optional<String> value = attribute(attributes, name);
            if (value.isPresent()) {
                try {
                    int n = Integer.parseInt(value.get());
                    return n < 0 ? OptionalInt.empty() : OptionalInt.of(n);
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }
}
