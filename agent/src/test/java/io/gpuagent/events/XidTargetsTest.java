package io.gpuagent.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.events.XidEventPoster.Target;
import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.FieldValues;
import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.gpu.MigReading;
import io.gpuagent.gpu.XidReport;
import io.gpuagent.kubelet.Allocations;
import io.gpuagent.kubelet.ContainerAllocation;
import io.gpuagent.kubelet.ContainerAllocation.DeviceGroup;
import io.gpuagent.kubelet.GpuResources;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Which pods an XID is posted on: the holders of its GPU or MIG instance, else the node (empty). */
class XidTargetsTest {

    static final String U0 = "GPU-00000000-0000-0000-0000-000000000000";
    static final String U1 = "GPU-11111111-1111-1111-1111-111111111111";
    static final String U2 = "GPU-22222222-2222-2222-2222-222222222222";
    static final String MA = "MIG-aaaaaaaa-0000-0000-0000-000000000001";
    static final String MB = "MIG-bbbbbbbb-0000-0000-0000-000000000002";
    static final GpuIdentity G0 = new GpuIdentity(0, U0, "NVIDIA H100", "00000000:01:00.0", OptionalLong.of(0));
    static final GpuIdentity G1 = new GpuIdentity(1, U1, "NVIDIA A100", "00000000:02:00.0", OptionalLong.of(1));
    static final GpuIdentity G2 = new GpuIdentity(2, U2, "NVIDIA L4", "00000000:03:00.0", OptionalLong.of(2));

    static final Optional<GpuSnapshot> NODE = Optional.of(new GpuSnapshot("535", "12.2",
            List.of(new GpuReading(G0, true, FieldValues.builder().build()),
                    new GpuReading(G1, true, FieldValues.builder().put(DeviceField.MIG_MODE, 1L).build()),
                    new GpuReading(G2, true, FieldValues.builder().build())),
            List.of(new MigReading(new MigIdentity(G1, MA, 1, 0, "3g.40gb"), FieldValues.builder().build()),
                    new MigReading(new MigIdentity(G1, MB, 2, 0, "2g.20gb"), FieldValues.builder().build())),
            Map.of()));

    static final Optional<Allocations> HELD = Optional.of(Allocations.from(List.of(
            holds("whole", "nvidia.com/gpu", U0),
            holds("a", "nvidia.com/mig-3g.40gb", MA),
            holds("b", "nvidia.com/mig-2g.20gb", MB),
            holds("replicas", "nvidia.com/gpu.shared", U2 + "::0", U2 + "::1")), GpuResources.defaults()));

    static ContainerAllocation holds(String pod, String resource, String... ids) {
        return new ContainerAllocation("ml", pod, "c", List.of(new DeviceGroup(resource, List.of(ids))), List.of());
    }

    static List<Target> targets(int gpu, String uuid, OptionalInt instance) {
        return XidTargets.of(new XidReport(gpu, uuid, 79, instance), NODE, HELD);
    }

    @Test
    void aWholeGpuXidGoesOnItsHolder() {
        assertThat(targets(0, U0, OptionalInt.empty())).containsExactly(Target.pod("ml", "whole"));
    }

    @Test
    void withoutAUuidTheGpuIsFoundByIndex() {
        assertThat(targets(0, "", OptionalInt.empty())).containsExactly(Target.pod("ml", "whole"));
        assertThat(targets(2, "", OptionalInt.empty())).containsExactly(Target.pod("ml", "replicas"));
    }

    @Test
    void aMigXidGoesOnThatInstancesHoldersAndAGpuXidOnEveryInstances() {
        assertThat(targets(1, U1, OptionalInt.of(2))).containsExactly(Target.pod("ml", "b"));
        assertThat(targets(1, U1, OptionalInt.empty())).containsExactly(Target.pod("ml", "a"), Target.pod("ml", "b"));
    }

    @Test
    void aPodHoldingTwoReplicasIsOneTarget() {
        assertThat(targets(2, U2, OptionalInt.empty())).containsExactly(Target.pod("ml", "replicas"));
    }

    @Test
    void nobodyOrNothingKnownMeansTheNode() {
        assertThat(targets(7, "GPU-elsewhere", OptionalInt.empty())).isEmpty();
        XidReport r = new XidReport(0, U0, 79, OptionalInt.empty());
        assertThat(XidTargets.of(r, Optional.empty(), HELD)).isEmpty();
        assertThat(XidTargets.of(r, NODE, Optional.empty())).isEmpty();
        assertThat(XidTargets.from(() -> NODE, () -> HELD).apply(r)).containsExactly(Target.pod("ml", "whole"));
    }
}
