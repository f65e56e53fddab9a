package io.gpuagent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceIdsTest {

    static final String G = "GPU-11111111-2222-3333-4444-555555555555";
    static final String M = "MIG-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    @Test
    void fullGpuByUuid() {
        assertThat(DeviceIds.parse(G)).contains(new DeviceRef.GpuUuid(G, OptionalInt.empty()));
    }

    @Test
    void migByUuid() {
        assertThat(DeviceIds.parse(M)).contains(new DeviceRef.MigUuid(M, OptionalInt.empty()));
    }

    @Test
    void legacyMigForm() {
        assertThat(DeviceIds.parse("MIG-" + G + "/3/0")).contains(new DeviceRef.MigByInstance(G, 3, 0, OptionalInt.empty()));
    }

    @Test
    void replicasOfEveryForm() {
        assertThat(DeviceIds.parse(G + "::7")).contains(new DeviceRef.GpuUuid(G, OptionalInt.of(7)));
        assertThat(DeviceIds.parse(M + "::0")).contains(new DeviceRef.MigUuid(M, OptionalInt.of(0)));
        assertThat(DeviceIds.parse("MIG-" + G + "/1/2::3")).contains(new DeviceRef.MigByInstance(G, 1, 2, OptionalInt.of(3)));
    }

    @Test
    void gkeForms() {
        assertThat(DeviceIds.parse("nvidia0")).contains(new DeviceRef.GpuMinor(0, OptionalInt.empty()));
        assertThat(DeviceIds.parse("nvidia3/gi2")).contains(new DeviceRef.MigByMinor(3, 2, OptionalInt.empty()));
        assertThat(DeviceIds.parse("nvidia1/vgpu4")).contains(new DeviceRef.GpuMinor(1, OptionalInt.of(4)));
        assertThat(DeviceIds.parse("nvidia1/gi5/vgpu0")).contains(new DeviceRef.MigByMinor(1, 5, OptionalInt.of(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GPU-", "GPU-123", "GPU-11111111-2222-3333-4444-55555555555Z", "gpu-0", "MIG-GPU-x/1/2",
        "MIG-" + G + "/1", "nvidia", "nvidiaX", "nvidia0/gi", "nvidia0/vgpu1::2", G + "::", G + "::x", G + "::1::2",
        "/dev/nvidia0", "cpu", "GPU-11111111-2222-3333-4444-555555555555 "})
    void anythingElseIsNotADevice(String id) {
        assertThat(DeviceIds.parse(id)).as(id).isEmpty();
    }

    @Test
    void resourcesThatHoldGpus() {
        GpuResources r = new GpuResources(Set.of("example.com/a100"));
        assertThat(r.holdsGpus("nvidia.com/gpu")).isTrue();
        assertThat(r.holdsGpus("nvidia.com/gpu.shared")).isTrue();
        assertThat(r.holdsGpus("nvidia.com/mig-1g.10gb")).isTrue();
        assertThat(r.holdsGpus("nvidia.com/mig-")).isFalse();
        assertThat(r.holdsGpus("example.com/a100")).isTrue();
        assertThat(r.holdsGpus("amd.com/gpu")).isFalse();
        assertThat(r.holdsGpus("cpu")).isFalse();
    }
}
