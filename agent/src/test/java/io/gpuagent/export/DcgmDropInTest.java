package io.gpuagent.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuagent.catalog.DcgmCounters;
import io.gpuagent.catalog.DcgmSelection;
import io.gpuagent.catalog.DeviceField;
import io.gpuagent.join.Attribution;
import io.gpuagent.kubelet.Allocation;
import io.gpuagent.kubelet.Allocations;
import io.gpuagent.kubelet.ContainerAllocation;
import io.gpuagent.kubelet.ContainerAllocation.ClaimDevice;
import io.gpuagent.kubelet.ContainerAllocation.DeviceGroup;
import io.gpuagent.kubelet.DeviceRef;
import io.gpuagent.kubelet.GpuResources;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * dcgm naming as today's dcgm-exporter (4.8.3) labels and selects its series: {@code hostname}, the DRA labels of
 * claimed devices, the opt-in {@code pod_uid} and pod labels, a counters file's fields, families turned off.
 */
class DcgmDropInTest {

    static final ClaimDevice GPU_CLAIM = new ClaimDevice("ml", "train-gpu", "gpu.nvidia.com", "node-1", "gpu-0");
    static final ClaimDevice MIG_CLAIM = new ClaimDevice("ml", "infer-mig", "gpu.nvidia.com", "node-1",
            "gpu-0-mig-1-0");

    /** The A100 and its MIG instance held through DRA claims, the L4 through the device plugin. */
    static Attribution attribution() {
        Function<ClaimDevice, Optional<DeviceRef>> slices = c -> Optional.of(c == MIG_CLAIM
                ? new DeviceRef.MigUuid("MIG-1111", OptionalInt.empty())
                : new DeviceRef.GpuUuid("GPU-aaaa", OptionalInt.empty()));
        Allocations a = Allocations.from(List.of(
                new ContainerAllocation("ml", "train-0", "trainer", List.of(), List.of(GPU_CLAIM)),
                new ContainerAllocation("ml", "infer-0", "server", List.of(), List.of(MIG_CLAIM)),
                new ContainerAllocation("ml", "plugin-0", "main",
                        List.of(new DeviceGroup("nvidia.com/gpu", List.of("nvidia1"))), List.of())), // GKE's name for minor 1
                GpuResources.defaults(), slices);
        return Attribution.resolve(NativeNamingTest.snapshot(), a);
    }

    static String render(Naming naming, Attribution attribution) throws Exception {
        return NativeNamingTest.render(new MetricSnapshots(
                naming.render(DeviceView.of(NativeNamingTest.snapshot(), attribution))));
    }

    static DcgmNaming.Options options() {
        return DcgmNaming.Options.defaults("node-1");
    }

    static DcgmNaming.Options with(DcgmNaming.Options o, Optional<String> hostname, DcgmSelection fields,
            FamilyFilter excluded) {
        return new DcgmNaming.Options(o.node(), hostname, fields, excluded, o.podUid(), o.podLabels());
    }

    @Test
    void theNodeIsHostnameAsSinceDcgmExporter483OrHostnameOrNothing() throws Exception {
        String now = render(Naming.dcgm("node-1"), Attribution.NONE);
        assertThat(now).contains("DCGM_FI_DEV_GPU_TEMP{DCGM_FI_DRIVER_VERSION=\"535.261.03\",UUID=\"GPU-aaaa\","
                + "device=\"nvidia0\",gpu=\"0\",hostname=\"node-1\",modelName=\"NVIDIA A100-SXM4-80GB\"")
                .doesNotContain("Hostname=");
        String before = render(Naming.dcgm(with(options(), Optional.of("Hostname"), DcgmSelection.BUILT_IN,
                FamilyFilter.NONE)), Attribution.NONE);
        assertThat(before).contains("Hostname=\"node-1\"").doesNotContain("hostname=");
        assertThat(before.replace("Hostname=\"node-1\",", "")).isEqualTo(now.replace(",hostname=\"node-1\"", ""));
        String none = render(Naming.dcgm(with(options(), Optional.empty(), DcgmSelection.BUILT_IN, FamilyFilter.NONE)),
                Attribution.NONE);
        assertThat(none).doesNotContainIgnoringCase("hostname=");
    }

    @Test
    void aClaimedDeviceCarriesItsClaimAndAMigClaimItsProfileAndUuid() throws Exception {
        String text = render(Naming.dcgm("node-1"), attribution());
        assertThat(text).contains("DCGM_FI_DEV_GPU_TEMP{DCGM_FI_DRIVER_VERSION=\"535.261.03\",UUID=\"GPU-aaaa\","
                + "container=\"trainer\",device=\"nvidia0\",dra_claim_name=\"train-gpu\",dra_claim_namespace=\"ml\","
                + "dra_device_name=\"gpu-0\",dra_driver_name=\"gpu.nvidia.com\",dra_pool_name=\"node-1\",gpu=\"0\","
                + "hostname=\"node-1\",modelName=\"NVIDIA A100-SXM4-80GB\",namespace=\"ml\","
                + "pci_bus_id=\"00000000:07:00.0\",pod=\"train-0\"} 61.0");
        assertThat(text).contains("DCGM_FI_DEV_FB_USED{DCGM_FI_DRIVER_VERSION=\"535.261.03\",GPU_I_ID=\"1\","
                + "GPU_I_PROFILE=\"3g.40gb\",UUID=\"GPU-aaaa\",container=\"server\",device=\"nvidia0\","
                + "dra_claim_name=\"infer-mig\",dra_claim_namespace=\"ml\",dra_device_name=\"gpu-0-mig-1-0\","
                + "dra_driver_name=\"gpu.nvidia.com\",dra_mig_device_uuid=\"MIG-1111\",dra_mig_profile=\"3g.40gb\","
                + "dra_pool_name=\"node-1\",gpu=\"0\",hostname=\"node-1\",modelName=\"NVIDIA A100-SXM4-80GB\","
                + "namespace=\"ml\",pci_bus_id=\"00000000:07:00.0\",pod=\"infer-0\"} 1907.0");
        // a device plugin's GPU: its holder, no claim
        assertThat(text).contains("DCGM_FI_DEV_GPU_TEMP{DCGM_FI_DRIVER_VERSION=\"535.261.03\",UUID=\"GPU-bbbb\","
                + "container=\"main\",device=\"nvidia1\",gpu=\"1\",hostname=\"node-1\",modelName=\"NVIDIA L4\","
                + "namespace=\"ml\",pci_bus_id=\"00000000:0A:00.0\",pod=\"plugin-0\"} 35.0");
        assertThat(text.lines().filter(l -> l.contains("GPU-bbbb") && l.contains("dra_"))).isEmpty();
        // native naming is untouched by claims on its device series
        assertThat(render(Naming.nativeNaming(), attribution())).doesNotContain("dra_");
    }

    @Test
    void podUidAndPodLabelsOnDemandNeverReplacingTheSeriesOwnLabels() throws Exception {
        Function<Allocation.Holder, Optional<String>> uid = h -> Optional.of("uid-" + h.pod());
        Function<Allocation.Holder, Map<String, String>> labels = h -> Map.of("team", "vision-" + h.pod(),
                "pod", "not-this", "gpu", "nor-this", "2fa", "not-a-label-name", "__meta", "reserved");
        DcgmNaming.Options o = options();
        String text = render(Naming.dcgm(new DcgmNaming.Options(o.node(), o.hostnameLabel(), o.fields(), o.excluded(),
                uid, labels)), attribution());
        assertThat(text).contains("DCGM_FI_DEV_GPU_TEMP{DCGM_FI_DRIVER_VERSION=\"535.261.03\",UUID=\"GPU-bbbb\","
                + "container=\"main\",device=\"nvidia1\",gpu=\"1\",hostname=\"node-1\",modelName=\"NVIDIA L4\","
                + "namespace=\"ml\",pci_bus_id=\"00000000:0A:00.0\",pod=\"plugin-0\",pod_uid=\"uid-plugin-0\","
                + "team=\"vision-plugin-0\"} 35.0");
        assertThat(text).contains("pod=\"train-0\",pod_uid=\"uid-train-0\",team=\"vision-train-0\"} 61.0");
        assertThat(text).doesNotContain("not-this").doesNotContain("nor-this").doesNotContain("2fa")
                .doesNotContain("__meta");
        // off (the default): neither
        assertThat(render(Naming.dcgm("node-1"), attribution())).doesNotContain("pod_uid").doesNotContain("team=");
    }

    @Test
    void aCountersFileChoosesTheFieldsTheirHelpAndTypeAndTheDriverLabel() throws Exception {
        DcgmSelection fields = DcgmSelection.of(DcgmCounters.parse("""
                # mine
                DCGM_FI_DEV_GPU_UTIL, gauge, Utilization from my file.
                DCGM_FI_DEV_FB_USED, counter, Used (as a counter here).
                DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL, counter, not served
                """));
        String text = render(Naming.dcgm(with(options(), Optional.of("hostname"), fields, FamilyFilter.NONE)),
                Attribution.NONE);
        assertThat(text.lines().filter(l -> l.startsWith("# TYPE DCGM"))).containsExactly(
                "# TYPE DCGM_FI_DEV_FB_USED untyped", "# TYPE DCGM_FI_DEV_GPU_UTIL gauge");
        assertThat(text).contains("# HELP DCGM_FI_DEV_GPU_UTIL Utilization from my file.")
                .contains("DCGM_FI_DEV_GPU_UTIL{UUID=\"GPU-aaaa\",device=\"nvidia0\",gpu=\"0\",hostname=\"node-1\","
                        + "modelName=\"NVIDIA A100-SXM4-80GB\",pci_bus_id=\"00000000:07:00.0\"} 87.0")
                .doesNotContain("DCGM_FI_DRIVER_VERSION");
        // what the families kept in dcgm mode stay
        assertThat(text).contains("gpu_up{");
        assertThat(Naming.dcgm(with(options(), Optional.of("hostname"), fields, FamilyFilter.NONE)).reads())
                .containsExactlyInAnyOrder(DeviceField.UTILIZATION_GPU, DeviceField.MEMORY_USED, DeviceField.MIG_MODE,
                        // the energy split's inputs: its families keep their native names in dcgm mode
                        DeviceField.ENERGY, DeviceField.POWER_USAGE, DeviceField.GPM_SM_ACTIVITY);
    }

    @Test
    void familiesTurnedOffInDcgmNaming() throws Exception {
        FamilyFilter off = FamilyFilter.of(List.of("DCGM_FI_DEV_FB_*", "gpu_up", "gpu_container_*"));
        Naming naming = Naming.dcgm(with(options(), Optional.of("hostname"), DcgmSelection.BUILT_IN, off));
        String text = render(naming, attribution());
        assertThat(text).doesNotContain("DCGM_FI_DEV_FB_").doesNotContain("gpu_up").doesNotContain("gpu_container_")
                .contains("DCGM_FI_DEV_GPU_TEMP").contains("gpu_allocation_info");
        assertThat(naming.reads()).doesNotContain(DeviceField.MEMORY_USED, DeviceField.MEMORY_FREE)
                .doesNotContain(DeviceField.PCIE_TX, DeviceField.PCIE_RX)
                .contains(DeviceField.TEMPERATURE, DeviceField.UTILIZATION_GPU, DeviceField.MIG_MODE);
        assertThatThrownBy(() -> Naming.dcgm(with(options(), Optional.of("hostname"), DcgmSelection.BUILT_IN,
                FamilyFilter.of(List.of("gpu_temperature_celsius", "DCGM_FI_DEV_GPU_TEMP")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("gpu_temperature_celsius matches no family of dcgm naming");
    }
}
