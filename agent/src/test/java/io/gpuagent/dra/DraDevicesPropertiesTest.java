package io.gpuagent.dra;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.kubelet.ContainerAllocation.ClaimDevice;
import io.gpuagent.kubelet.DeviceRef;
import io.gpuagent.testing.Gen;
import io.gpuagent.testing.Properties;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link DraDevices#resolve}: DRA device names and the attributes a driver published for them
 * (any text, either spelling of a name, numbers out of range) resolve to a device or to nothing, never throw,
 * never give a negative index; a published UUID always wins, and without a slice only {@code gpu-<minor>} names
 * resolve.
 */
class DraDevicesPropertiesTest {

    private static final Pattern GPU_NAME = Pattern.compile("gpu-[0-9]{1,9}");

    record Claimed(ClaimDevice device, Optional<Map<String, String>> attributes) {
    }

    @Test
    void anyDeviceResolvesToADeviceOrNothing() {
        Properties.forAll("any device resolves to a device or nothing", Properties.TRIES,
                DraDevicesPropertiesTest::claimed, c -> {
                    Optional<DeviceRef> ref = DraDevices.resolve(c.device(), pd -> {
                        assertThat(pd).isEqualTo(new PoolDevice(c.device().poolName(), c.device().deviceName()));
                        return c.attributes();
                    });
                    if (!DraDevices.DRIVER.equals(c.device().driverName()) || c.device().poolName() == null) {
                        assertThat(ref).isEmpty();
                    }
                    ref.ifPresent(r -> {
                        assertThat(r.replica()).isEmpty(); // DRA hands out whole devices
                        switch (r) {
                            case DeviceRef.GpuMinor m -> assertThat(m.minor()).isNotNegative();
                            case DeviceRef.MigByInstance m ->
                                    assertThat(m.gpuInstanceId() | m.computeInstanceId()).isNotNegative();
                            case DeviceRef.MigByMinor m -> assertThat(m.minor() | m.gpuInstanceId()).isNotNegative();
                            case DeviceRef.GpuUuid u -> assertThat(u.uuid()).isNotBlank();
                            case DeviceRef.MigUuid u -> assertThat(u.migUuid()).isNotBlank();
                        }
                    });
                    if (c.attributes().isEmpty() && DraDevices.DRIVER.equals(c.device().driverName())
                            && c.device().poolName() != null) {
                        String name = c.device().deviceName();
                        assertThat(ref).isEqualTo(GPU_NAME.matcher(name).matches()
                                ? Optional.of(new DeviceRef.GpuMinor(Integer.parseInt(name.substring(4)),
                                        OptionalInt.empty()))
                                : Optional.empty());
                    }
                });
    }

    @Test
    void aPublishedUuidWins() {
        record Published(String uuid, String name, boolean qualified, boolean mig) {
        }
        Properties.forAll("a published UUID wins", Properties.TRIES,
                r -> new Published(uuid(r), name(r), r.nextBoolean(), r.nextBoolean()), p -> {
                    String prefix = p.qualified() ? DraDevices.DRIVER + "/" : "";
                    Map<String, String> attributes = Map.of(prefix + "uuid", " " + p.uuid() + " ", prefix + "type",
                            p.mig() ? "MIG" : "gpu", "minor", "3");
                    ClaimDevice device = new ClaimDevice("ns", "claim", DraDevices.DRIVER, "node-a", p.name());
                    assertThat(DraDevices.resolve(device, pd -> Optional.of(attributes))).contains(p.mig()
                            ? new DeviceRef.MigUuid(p.uuid(), OptionalInt.empty())
                            : new DeviceRef.GpuUuid(p.uuid(), OptionalInt.empty()));
                });
    }

    static String uuid(SplittableRandom r) {
        return Gen.oneOf(r, "GPU-", "MIG-") + Gen.uuid(r);
    }

    /** {@code gpu-<n>} names, near misses, and any text. */
    static String name(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> "gpu-" + (r.nextBoolean() ? r.nextInt(1_000_000_000) : r.nextInt(10));
            case 1 -> Gen.oneOf(r, "gpu-0-mig-1g.5gb-0", "gpu-", "gpu-1234567890", "gpu--1", "gpu-٣", "gpu-0 ", "GPU-0",
                    "channel-0", "", " ");
            default -> Gen.text(r, 20);
        };
    }

    /** A claimed device of this driver or another, with or without a pool, and its attributes if published. */
    static Claimed claimed(SplittableRandom r) {
        String driver = r.nextBoolean() ? DraDevices.DRIVER
                : Gen.oneOf(r, "compute-domain.nvidia.com", "gpu.example.com", "");
        String pool = r.nextBoolean() ? "node-a" : null;
        String name = name(r);
        Optional<Map<String, String>> attributes = Optional.empty();
        if (r.nextBoolean()) {
            Map<String, String> map = new HashMap<>();
            int n = r.nextInt(7);
            for (int i = 0; i < n; i++) {
                String key = Gen.oneOf(r, "", DraDevices.DRIVER + "/", "other.com/") + Gen.oneOf(r, "type", "uuid",
                        "parentUUID", "gpuInstanceId", "gi", "computeInstanceId", "ci", "minor", "productName");
                String value = switch (r.nextInt(3)) {
                    case 0 -> Gen.oneOf(r, "gpu", "mig", "MIG", "Gpu", "imex-channel", "", " ", "0", "7", "-1", "+3",
                            " 4 ", "2147483647", "2147483648", "99999999999999999999", "1.5", "٣", "0x10", "GPU-x",
                            "\u0000");
                    case 1 -> uuid(r);
                    default -> Gen.text(r, 12);
                };
                map.put(key, value);
            }
            attributes = Optional.of(map);
        }
        return new Claimed(new ClaimDevice("ns", "claim", driver, pool, name), attributes);
    }
}
