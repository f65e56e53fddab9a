package io.gpuagent.dra;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.kubelet.ContainerAllocation.ClaimDevice;
import io.gpuagent.kubelet.DeviceRef;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

    @Property
    void anyDeviceResolvesToADeviceOrNothing(@ForAll("claimed") Claimed c) {
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
                case DeviceRef.MigByInstance m -> assertThat(m.gpuInstanceId() | m.computeInstanceId()).isNotNegative();
                case DeviceRef.MigByMinor m -> assertThat(m.minor() | m.gpuInstanceId()).isNotNegative();
                case DeviceRef.GpuUuid u -> assertThat(u.uuid()).isNotBlank();
                case DeviceRef.MigUuid u -> assertThat(u.migUuid()).isNotBlank();
            }
        });
        if (c.attributes().isEmpty() && DraDevices.DRIVER.equals(c.device().driverName())
                && c.device().poolName() != null) {
            String name = c.device().deviceName();
            assertThat(ref).isEqualTo(GPU_NAME.matcher(name).matches()
                    ? Optional.of(new DeviceRef.GpuMinor(Integer.parseInt(name.substring(4)), OptionalInt.empty()))
                    : Optional.empty());
        }
    }

    @Property
    void aPublishedUuidWins(@ForAll("uuids") String uuid, @ForAll("names") String name, @ForAll boolean qualified,
            @ForAll boolean mig) {
        String prefix = qualified ? DraDevices.DRIVER + "/" : "";
        Map<String, String> attributes = Map.of(prefix + "uuid", " " + uuid + " ", prefix + "type", mig ? "MIG" : "gpu",
                "minor", "3");
        ClaimDevice device = new ClaimDevice("ns", "claim", DraDevices.DRIVER, "node-a", name);
        assertThat(DraDevices.resolve(device, pd -> Optional.of(attributes))).contains(mig
                ? new DeviceRef.MigUuid(uuid, OptionalInt.empty()) : new DeviceRef.GpuUuid(uuid, OptionalInt.empty()));
    }

    @Provide
    Arbitrary<String> uuids() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16).flatMap(b -> Arbitraries.of("GPU-", "MIG-").map(p -> {
            String h = HexFormat.of().formatHex(b);
            return p + h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                    + h.substring(16, 20) + "-" + h.substring(20);
        }));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 999_999_999).map(n -> "gpu-" + n),
                Arbitraries.of("gpu-0-mig-1g.5gb-0", "gpu-", "gpu-1234567890", "gpu--1", "gpu-٣", "gpu-0 ", "GPU-0",
                        "channel-0", "", " "),
                Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<Claimed> claimed() {
        Arbitrary<String> key = Combinators.combine(Arbitraries.of("", DraDevices.DRIVER + "/", "other.com/"),
                Arbitraries.of("type", "uuid", "parentUUID", "gpuInstanceId", "gi", "computeInstanceId", "ci", "minor",
                        "productName")).as(String::concat);
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("gpu", "mig", "MIG", "Gpu", "imex-channel", "", " ", "0", "7", "-1", "+3", " 4 ",
                        "2147483647", "2147483648", "99999999999999999999", "1.5", "٣", "0x10", "GPU-x", "\u0000"),
                uuids(), Arbitraries.strings().ofMaxLength(12));
        Arbitrary<Optional<Map<String, String>>> attributes = Arbitraries.oneOf(Arbitraries.just(Optional.empty()),
                Arbitraries.maps(key, value).ofMaxSize(6).map(Optional::of));
        Arbitrary<String> driver = Arbitraries.oneOf(Arbitraries.just(DraDevices.DRIVER),
                Arbitraries.of("compute-domain.nvidia.com", "gpu.example.com", ""));
        Arbitrary<String> pool = Arbitraries.oneOf(Arbitraries.of("node-a"), Arbitraries.just(null));
        return Combinators.combine(driver, pool, names(), attributes)
                .as((d, p, n, a) -> new Claimed(new ClaimDevice("ns", "claim", d, p, n), a));
    }
}
