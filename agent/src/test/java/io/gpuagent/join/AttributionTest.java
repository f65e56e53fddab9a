package io.gpuagent.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.FieldValues;
import io.gpuagent.export.DeviceView;
import io.gpuagent.export.Naming;
import io.gpuagent.export.Render;
import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.gpu.MigReading;
import io.gpuagent.kubelet.Allocations;
import io.gpuagent.kubelet.ContainerAllocation;
import io.gpuagent.kubelet.ContainerAllocation.DeviceGroup;
import io.gpuagent.kubelet.GpuResources;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every device-id form joined to the GPUs NVML sees, and the exclusive-versus-shared label rule. */
class AttributionTest {

    static final String U0 = "GPU-00000000-0000-0000-0000-000000000000";
    static final String U1 = "GPU-11111111-1111-1111-1111-111111111111";
    static final String U2 = "GPU-22222222-2222-2222-2222-222222222222";
    static final String MA = "MIG-aaaaaaaa-0000-0000-0000-000000000001";
    static final String MB = "MIG-bbbbbbbb-0000-0000-0000-000000000002";
    static final GpuIdentity G0 = new GpuIdentity(0, U0, "NVIDIA H100", "00000000:01:00.0", OptionalLong.of(0));
    static final GpuIdentity G1 = new GpuIdentity(1, U1, "NVIDIA A100", "00000000:02:00.0", OptionalLong.of(1));
    static final GpuIdentity G2 = new GpuIdentity(2, U2, "NVIDIA L4", "00000000:03:00.0", OptionalLong.of(4));

    static GpuSnapshot node() {
        FieldValues v = FieldValues.builder().put(DeviceField.TEMPERATURE, 50L).build();
        return new GpuSnapshot("535", "12.2",
                List.of(new GpuReading(G0, true, v),
                        new GpuReading(G1, true, FieldValues.builder().put(DeviceField.MIG_MODE, 1L).build()),
                        new GpuReading(G2, true, v)),
                List.of(new MigReading(new MigIdentity(G1, MA, 1, 0, "3g.40gb"),
                                FieldValues.builder().put(DeviceField.MEMORY_USED, 7L).build()),
                        new MigReading(new MigIdentity(G1, MB, 2, 0, "2g.20gb"),
                                FieldValues.builder().put(DeviceField.MEMORY_USED, 8L).build())),
                Map.of());
    }

    static ContainerAllocation holds(String pod, String container, String resource, String... ids) {
        return new ContainerAllocation("ml", pod, container, List.of(new DeviceGroup(resource, List.of(ids))), List.of());
    }

    static String render(Attribution a) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(Render.nativeFamilies(node(), a)));
        return out.toString(StandardCharsets.UTF_8);
    }

    static Attribution of(ContainerAllocation... c) {
        return Attribution.resolve(node(), Allocations.from(List.of(c), GpuResources.defaults()));
    }

    @Test
    void anExclusiveGpuCarriesItsHolderOnEverySeries() throws Exception {
        String text = render(of(holds("train-0", "main", "nvidia.com/gpu", U0)));
        assertThat(text).contains("gpu_temperature_celsius{container=\"main\",gpu=\"0\",model=\"NVIDIA H100\",namespace=\"ml\","
                + "pci_bus_id=\"00000000:01:00.0\",pod=\"train-0\",uuid=\"" + U0 + "\"} 50.0");
        assertThat(text).contains("gpu_up{container=\"main\",gpu=\"0\"");
        assertThat(text).contains("gpu_allocation_info{container=\"main\",gpu=\"0\",model=\"NVIDIA H100\",namespace=\"ml\","
                + "pci_bus_id=\"00000000:01:00.0\",pod=\"train-0\",resource=\"nvidia.com/gpu\",uuid=\"" + U0 + "\"} 1");
        assertThat(text).contains("gpu_temperature_celsius{gpu=\"2\",model"); // unallocated: no holder
    }

    @Test
    void aSharedGpuCarriesNoHolderAndListsEverySharer() throws Exception {
        Attribution a = of(holds("infer-a", "server", "nvidia.com/gpu.shared", U2 + "::0"),
                holds("infer-b", "server", "nvidia.com/gpu.shared", U2 + "::1"));
        String text = render(a);
        assertThat(text).contains("gpu_temperature_celsius{gpu=\"2\",model=\"NVIDIA L4\",pci_bus_id=\"00000000:03:00.0\",uuid=\"" + U2 + "\"} 50.0");
        assertThat(text.lines().filter(l -> l.startsWith("gpu_allocation_info{"))).containsExactlyInAnyOrder(
                "gpu_allocation_info{container=\"server\",gpu=\"2\",model=\"NVIDIA L4\",namespace=\"ml\",pci_bus_id=\"00000000:03:00.0\","
                        + "pod=\"infer-a\",replica=\"0\",resource=\"nvidia.com/gpu.shared\",uuid=\"" + U2 + "\"} 1",
                "gpu_allocation_info{container=\"server\",gpu=\"2\",model=\"NVIDIA L4\",namespace=\"ml\",pci_bus_id=\"00000000:03:00.0\","
                        + "pod=\"infer-b\",replica=\"1\",resource=\"nvidia.com/gpu.shared\",uuid=\"" + U2 + "\"} 1");
    }

    @Test
    void twoReplicasInOneContainerAreStillExclusive() {
        Attribution a = of(holds("infer-a", "server", "nvidia.com/gpu", U2 + "::0", U2 + "::3"));
        assertThat(a.exclusiveHolder(U2)).hasValueSatisfying(h -> assertThat(h.pod()).isEqualTo("infer-a"));
        assertThat(a.holdings()).hasSize(2);
    }

    @Test
    void migInstancesByUuidLegacyAndGkeForms() throws Exception {
        Attribution byUuid = of(holds("a", "c", "nvidia.com/mig-3g.40gb", MA), holds("b", "c", "nvidia.com/gpu", "MIG-" + U1 + "/2/0"));
        String text = render(byUuid);
        assertThat(text).contains("gpu_memory_used_bytes{compute_instance_id=\"0\",container=\"c\",gpu=\"1\",gpu_instance_id=\"1\","
                + "mig_profile=\"3g.40gb\",mig_uuid=\"" + MA + "\",model=\"NVIDIA A100\",namespace=\"ml\",pci_bus_id=\"00000000:02:00.0\","
                + "pod=\"a\",uuid=\"" + U1 + "\"} 7.0");
        assertThat(text).contains("mig_uuid=\"" + MB + "\",model=\"NVIDIA A100\",namespace=\"ml\",pci_bus_id=\"00000000:02:00.0\",pod=\"b\"");
        // the parent GPU is not allocated itself: no holder on its series
        assertThat(text).contains("gpu_mig_mode_enabled{gpu=\"1\",model=\"NVIDIA A100\",pci_bus_id=\"00000000:02:00.0\",uuid=\"" + U1 + "\"} 1.0");

        Attribution gke = of(holds("g", "c", "nvidia.com/gpu", "nvidia1/gi2"), holds("h", "c", "nvidia.com/gpu", "nvidia4/vgpu1"));
        assertThat(gke.exclusiveHolder(MB)).hasValueSatisfying(h -> assertThat(h.pod()).isEqualTo("g"));
        assertThat(gke.exclusiveHolder(U2)).hasValueSatisfying(h -> assertThat(h.pod()).isEqualTo("h"));
        assertThat(gke.holdings().get(1).replica()).hasValue(1);
        assertThat(of(holds("x", "c", "nvidia.com/gpu", "nvidia0")).exclusiveHolder(U0)).isPresent();
    }

    @Test
    void otherResourcesUnknownDevicesAndUnparsableIdsAreNotAttributed() {
        Attribution a = of(holds("x", "c", "example.com/fpga", U0),
                holds("y", "c", "nvidia.com/gpu", "GPU-99999999-9999-9999-9999-999999999999", "weird-id"));
        assertThat(a.holdings()).isEmpty();
        assertThat(a.unresolved()).containsExactly("nvidia.com/gpu=GPU-99999999-9999-9999-9999-999999999999");
        assertThat(Allocations.from(List.of(holds("y", "c", "nvidia.com/gpu", "weird-id")), GpuResources.defaults()).unparsed())
                .containsExactly("nvidia.com/gpu=weird-id");
    }

    @Test
    void allowlistedPodLabelsGoOnTheAllocationRows() throws Exception {
        Attribution a = of(holds("train-0", "main", "nvidia.com/gpu", U0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(Naming.nativeNaming().render(new DeviceView(node(), a,
                h -> h.pod().equals("train-0") ? Map.of("label_team", "vision", "label_app_kubernetes_io_name", "trainer") : Map.of(),
                ContainerUsage.of(node(), a, pid -> java.util.Optional.empty()), List.of()))));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("gpu_allocation_info{container=\"main\",gpu=\"0\",label_app_kubernetes_io_name=\"trainer\","
                + "label_team=\"vision\",model=\"NVIDIA H100\"");
        // only on the allocation rows: device series keep the contract's labels
        assertThat(text).doesNotContain("gpu_temperature_celsius{container=\"main\",gpu=\"0\",label_");
    }

    @Test
    void draClaimsResolveThroughResourceSlicesOrByDeviceName() {
        ContainerAllocation withClaims = new ContainerAllocation("ml", "dra-pod", "main", List.of(), List.of(
                new ContainerAllocation.ClaimDevice("ml", "gpu-claim", "gpu.nvidia.com", "node-a", "gpu-1-mig-9-1"),
                new ContainerAllocation.ClaimDevice("ml", "gpu-claim", "gpu.nvidia.com", "node-a", "gpu-4"),
                new ContainerAllocation.ClaimDevice("ml", "other", "example.com", "node-a", "gpu-0")));
        java.util.Map<io.gpuagent.dra.PoolDevice, Map<String, String>> slices = Map.of(
                new io.gpuagent.dra.PoolDevice("node-a", "gpu-1-mig-9-1"), Map.of("type", "mig", "uuid", MA, "parentUUID", U1));
        Allocations a = Allocations.from(List.of(withClaims), GpuResources.defaults(),
                d -> io.gpuagent.dra.DraDevices.resolve(d, pd -> java.util.Optional.ofNullable(slices.get(pd))));
        Attribution at = Attribution.resolve(node(), a);
        assertThat(at.exclusiveHolder(MA)).hasValueSatisfying(h -> assertThat(h.pod()).isEqualTo("dra-pod"));
        assertThat(at.exclusiveHolder(U2)).as("gpu-4: minor 4 by name").isPresent();
        assertThat(at.holdings()).extracting(Attribution.Holding::resource).containsOnly("gpu.nvidia.com");
        assertThat(a.unparsed()).containsExactly("example.com=node-a/gpu-0 (claim ml/other)");
    }

    @Test
    void aDeviceKnowsTheClaimItCameFromWhenEveryHoldIsThatClaims() {
        ContainerAllocation.ClaimDevice onGpu = new ContainerAllocation.ClaimDevice("ml", "train", "gpu.nvidia.com",
                "node-a", "gpu-0");
        ContainerAllocation.ClaimDevice onMig = new ContainerAllocation.ClaimDevice("ml", "infer", "gpu.nvidia.com",
                "node-a", "gpu-1-mig-1-0");
        Map<io.gpuagent.dra.PoolDevice, Map<String, String>> slices = Map.of(
                new io.gpuagent.dra.PoolDevice("node-a", "gpu-1-mig-1-0"), Map.of("type", "mig", "uuid", MA));
        // one claim shared by two containers of one pod: no one holder, still one claim
        List<ContainerAllocation> containers = List.of(
                new ContainerAllocation("ml", "train-0", "main", List.of(), List.of(onGpu)),
                new ContainerAllocation("ml", "train-0", "sidecar", List.of(), List.of(onGpu)),
                new ContainerAllocation("ml", "infer-0", "main", List.of(), List.of(onMig)),
                // a device plugin's GPU and the same GPU through a claim: which claim is not for one holder to say
                holds("plugin-0", "main", "nvidia.com/gpu", U2),
                new ContainerAllocation("ml", "mixed-0", "main", List.of(), List.of(
                        new ContainerAllocation.ClaimDevice("ml", "mixed", "gpu.nvidia.com", "node-a", "gpu-4"))));
        Attribution at = Attribution.resolve(node(), Allocations.from(containers, GpuResources.defaults(),
                d -> io.gpuagent.dra.DraDevices.resolve(d, pd -> java.util.Optional.ofNullable(slices.get(pd)))));
        assertThat(at.claim(U0)).contains(onGpu);
        assertThat(at.exclusiveHolder(U0)).isEmpty();
        assertThat(at.claim(MA)).contains(onMig);
        assertThat(at.claim(U1)).as("the MIG instance's claim, not its parent's").isEmpty();
        assertThat(at.claim(U2)).isEmpty();
        assertThat(at.holdings()).filteredOn(h -> h.holder().pod().equals("plugin-0"))
                .extracting(Attribution.Holding::claim).containsExactly(java.util.Optional.empty());
        assertThat(Attribution.NONE.claim(U0)).isEmpty();
    }

    @Test
    void renamedResourcesFromTheSetting() {
        Allocations a = Allocations.from(List.of(holds("x", "c", "example.com/gpu", U0)),
                new GpuResources(java.util.Set.of("example.com/gpu")));
        assertThat(Attribution.resolve(node(), a).exclusiveHolder(U0)).isPresent();
        assertThat(Stream.of(a.devices().get(0).resource())).containsExactly("example.com/gpu");
    }

    @Test
    void aHoldingsShareIsOneReplicaOfThoseTheNodeAdvertisesOrOfThoseHeld() {
        Allocations held = Allocations.from(List.of(holds("a", "main", "nvidia.com/gpu.shared", U2 + "::0"),
                holds("b", "main", "nvidia.com/gpu.shared", U2 + "::1", U2 + "::2"),
                holds("c", "main", "nvidia.com/gpu", U0),
                holds("m", "main", "nvidia.com/mig-3g.40gb", MA)), GpuResources.defaults());
        Attribution amongHolders = Attribution.resolve(node(), held);
        assertThat(amongHolders.holdings()).extracting(amongHolders::share).containsExactly(1 / 3.0, 1 / 3.0, 1 / 3.0, 1.0, 1.0);

        Attribution advertised = Attribution.resolve(node(), held.advertising(List.of(new DeviceGroup("nvidia.com/gpu.shared",
                List.of(U2 + "::0", U2 + "::1", U2 + "::2", U2 + "::3", "GPU-not-on-this-node::0")),
                new DeviceGroup("nvidia.com/gpu", List.of(U0, U1)), new DeviceGroup("nvidia.com/mig-3g.40gb", List.of(MA))),
                GpuResources.defaults()));
        assertThat(advertised.holdings()).extracting(advertised::share).containsExactly(0.25, 0.25, 0.25, 1.0, 1.0);
    }
}
