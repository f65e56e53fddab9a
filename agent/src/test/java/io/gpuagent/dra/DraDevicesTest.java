package io.gpuagent.dra;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.kubelet.ContainerAllocation.ClaimDevice;
import io.gpuagent.kubelet.DeviceRef;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a claim device resolves, or deliberately does not. */
class DraDevicesTest {

    private static final OptionalInt NONE = OptionalInt.empty();
    private static final String GPU = "GPU-11111111-2222-3333-4444-555555555555";
    private static final String MIG = "MIG-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private static final String Q = "gpu.nvidia.com/";

    static Stream<Arguments> table() {
        return Stream.of(
                // by slice attributes
                row("gpu uuid, bare", "gpu-0", Map.of("type", "gpu", "uuid", GPU), new DeviceRef.GpuUuid(GPU, NONE)),
                row("gpu uuid, qualified", "gpu-0", Map.of(Q + "type", "gpu", Q + "uuid", GPU),
                        new DeviceRef.GpuUuid(GPU, NONE)),
                row("no type means gpu", "gpu-0", Map.of("uuid", GPU), new DeviceRef.GpuUuid(GPU, NONE)),
                row("type case-insensitive", "gpu-0", Map.of("type", "GPU", "uuid", GPU), new DeviceRef.GpuUuid(GPU, NONE)),
                row("uuid wins over the name", "gpu-7", Map.of("type", "gpu", "uuid", GPU), new DeviceRef.GpuUuid(GPU, NONE)),
                row("gpu without uuid: minor attribute", "whole", Map.of("type", "gpu", "minor", "3"),
                        new DeviceRef.GpuMinor(3, NONE)),
                row("gpu without uuid or minor: not guessed from name", "gpu-2", Map.of("type", "gpu"), null),
                row("untyped, no uuid: name fallback", "gpu-2", Map.of("productName", "H100"),
                        new DeviceRef.GpuMinor(2, NONE)),
                row("mig uuid, bare", "gpu-0-mig-1g.10gb-9-0", Map.of("type", "mig", "uuid", MIG, "parentUUID", GPU),
                        new DeviceRef.MigUuid(MIG, NONE)),
                row("mig uuid, qualified", "gpu-0-mig-1g.10gb-9-0",
                        Map.of(Q + "type", "mig", Q + "uuid", MIG, Q + "parentUUID", GPU), new DeviceRef.MigUuid(MIG, NONE)),
                row("mig by parent and instance ids", "gpu-0-mig-x",
                        Map.of("type", "mig", "parentUUID", GPU, "gpuInstanceId", "9", "computeInstanceId", "0"),
                        new DeviceRef.MigByInstance(GPU, 9, 0, NONE)),
                row("mig by parent and short ids, qualified", "gpu-0-mig-x",
                        Map.of(Q + "type", "mig", Q + "parentUUID", GPU, Q + "gi", "3", Q + "ci", "1"),
                        new DeviceRef.MigByInstance(GPU, 3, 1, NONE)),
                row("mig parent only", "gpu-0-mig-x", Map.of("type", "mig", "parentUUID", GPU, "profile", "1g.10gb"), null),
                row("mig bad instance id", "gpu-0-mig-x",
                        Map.of("type", "mig", "parentUUID", GPU, "gi", "nine", "ci", "0"), null),
                row("mig negative instance id", "gpu-0-mig-x",
                        Map.of("type", "mig", "parentUUID", GPU, "gi", "-1", "ci", "0"), null),
                row("other device type (IMEX channel)", "channel-0", Map.of("type", "channel", "uuid", GPU), null),
                row("blank uuid ignored", "gpu-4", Map.of("uuid", "  "), new DeviceRef.GpuMinor(4, NONE)),
                row("other domain's uuid is not ours", "gpu-5", Map.of("example.com/uuid", GPU),
                        new DeviceRef.GpuMinor(5, NONE)),
                // slice unknown: device-name forms
                row("name gpu-N", "gpu-0", null, new DeviceRef.GpuMinor(0, NONE)),
                row("name gpu-N, two digits", "gpu-12", null, new DeviceRef.GpuMinor(12, NONE)),
                row("name of a MIG device: instance unknown", "gpu-0-mig-1g.10gb-9-0", null, null),
                row("malformed: no number", "gpu-", null, null),
                row("malformed: letters", "gpu-x", null, null),
                row("malformed: prefix", "nvidia0", null, null),
                row("malformed: suffix", "gpu-1a", null, null),
                row("malformed: too long", "gpu-12345678901", null, null),
                row("empty name", "", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void resolves(String why, ClaimDevice device, Map<String, String> attributes, DeviceRef expected) {
        Optional<DeviceRef> got = DraDevices.resolve(device, d -> d.equals(new PoolDevice("node-a", device.deviceName()))
                ? Optional.ofNullable(attributes) : Optional.empty());
        assertThat(got).isEqualTo(Optional.ofNullable(expected));
    }

    static Stream<Arguments> otherDrivers() {
        return Stream.of(Arguments.of("dra.example.com"), Arguments.of("compute-domain.nvidia.com"),
                Arguments.of("GPU.NVIDIA.COM"), Arguments.of(""));
    }

    @ParameterizedTest(name = "driver {0} ignored")
    @MethodSource("otherDrivers")
    void ignoresOtherDriversWithoutAskingTheSlices(String driver) {
        ClaimDevice device = new ClaimDevice("ml", "claim", driver, "node-a", "gpu-0");
        assertThat(DraDevices.resolve(device, d -> {
            throw new AssertionError("looked up " + d);
        })).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void missingPoolOrNameIsUnresolved() {
        assertThat(DraDevices.resolve(new ClaimDevice("ml", "c", DraDevices.DRIVER, null, "gpu-0"), d -> Optional.empty()))
                .isEmpty();
        assertThat(DraDevices.resolve(new ClaimDevice("ml", "c", DraDevices.DRIVER, "node-a", null), d -> Optional.empty()))
                .isEmpty();
    }

    private static Arguments row(String why, String deviceName, Map<String, String> attributes, DeviceRef expected) {
        return Arguments.of(why, new ClaimDevice("ml", "claim", DraDevices.DRIVER, "node-a", deviceName), attributes,
                expected);
    }
}
