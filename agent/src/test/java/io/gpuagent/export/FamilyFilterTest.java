package io.gpuagent.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.join.Attribution;
import io.gpuagent.join.ContainerUsage;
import io.gpuagent.kubelet.Allocation;
import io.gpuagent.serving.ServerKind;
import io.gpuagent.serving.ServingSource;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code --exclude-families}: globs over the names /metrics shows; what is off is neither read nor rendered. */
class FamilyFilterTest {

    @Test
    void globsMatchWholeExposedNames() {
        FamilyFilter f = FamilyFilter.of(List.of("gpu_nvlink_*", "gpu_?ower_watts", "gpu_info"));
        assertThat(f.excludes("gpu_nvlink_errors_total")).isTrue();
        assertThat(f.excludes("gpu_nvlink_bytes_per_second")).isTrue();
        assertThat(f.excludes("gpu_power_watts")).isTrue();
        assertThat(f.excludes("gpu_power_limit_watts")).isFalse();
        assertThat(f.excludes("gpu_info")).isTrue();
        assertThat(f.excludes("gpu_info_x")).as("whole name").isFalse();
        assertThat(f.excludes("xgpu_info")).isFalse();
        assertThat(FamilyFilter.NONE.excludes("gpu_info")).isFalse();
        assertThat(FamilyFilter.of(List.of("gpu.info")).excludes("gpuXinfo")).as("a dot is a dot").isFalse();
    }

    @Test
    void nativeFamiliesTurnedOffAreNeitherRenderedNorRead() throws Exception {
        FamilyFilter off = FamilyFilter.of(List.of("gpu_clock_*", "gpu_energy_joules_total", "gpu_info",
                "gpu_utilization_ratio", "gpu_graphics_active_ratio", "gpu_container_power_watts",
                "gpu_container_*_total", "gpu_unattributed_*", "gpu_idle_power_watts", "gpu_energy_split_info"));
        assertThat(off.accountingOff()).isTrue();
        Naming naming = Naming.nativeNaming(off);
        String text = NativeNamingTest.render(new io.prometheus.metrics.model.snapshots.MetricSnapshots(
                naming.render(DeviceView.of(NativeNamingTest.snapshot(), Attribution.NONE))));
        assertThat(text).doesNotContain("gpu_clock_").doesNotContain("gpu_energy_joules").doesNotContain("gpu_info")
                .doesNotContain("gpu_utilization_ratio").contains("gpu_temperature_celsius").contains("gpu_up");
        assertThat(naming.reads()).doesNotContain(DeviceField.CLOCK_SM, DeviceField.CLOCK_MEMORY,
                DeviceField.CLOCK_EVENT_REASONS, DeviceField.VIOLATION_POWER, DeviceField.ENERGY,
                DeviceField.GPM_GRAPHICS_ACTIVITY)
                // the per-container SM utilization still needs the GPU's, and MIG mode finds MIG instances
                .contains(DeviceField.UTILIZATION_GPU, DeviceField.MIG_MODE, DeviceField.TEMPERATURE,
                        DeviceField.GPM_SM_ACTIVITY);
        Naming alsoContainers = Naming.nativeNaming(FamilyFilter.of(List.of("gpu_utilization_ratio",
                "gpu_container_sm_utilization_ratio", "gpu_mig_mode_enabled", "gpu_container_power_watts",
                "gpu_container_*_total", "gpu_unattributed_*", "gpu_idle_power_watts", "gpu_energy_split_info")));
        assertThat(alsoContainers.reads()).doesNotContain(DeviceField.UTILIZATION_GPU).contains(DeviceField.MIG_MODE);
        // the energy split's inputs stay read while one of its families is on, whatever else is off
        FamilyFilter gpuEnergyOff = FamilyFilter.of(List.of("gpu_energy_joules_total", "gpu_power_watts",
                "gpu_container_power_watts"));
        assertThat(gpuEnergyOff.accountingOff()).isFalse();
        assertThat(Naming.nativeNaming(gpuEnergyOff).reads()).contains(DeviceField.ENERGY, DeviceField.POWER_USAGE);
        String accounts = NativeNamingTest.render(new io.prometheus.metrics.model.snapshots.MetricSnapshots(
                Naming.nativeNaming(off).render(DeviceView.of(NativeNamingTest.snapshot(), Attribution.NONE))));
        assertThat(accounts).doesNotContain("gpu_energy_split").doesNotContain("gpu_container_gpu_seconds");
        assertThat(Naming.nativeNaming().reads()).containsAll(List.of(DeviceField.values()).stream()
                .filter(d -> d.nativeNaming() != null).toList());
    }

    @Test
    void aGlobThatMatchesNoFamilyIsAnError() {
        assertThatThrownBy(() -> Naming.nativeNaming(FamilyFilter.of(List.of("gpu_nvlnk_*", "gpu_info", "gpu_agent_*",
                "DCGM_FI_DEV_GPU_UTIL")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gpu_nvlnk_*, gpu_agent_*, DCGM_FI_DEV_GPU_UTIL match no family of native naming that can be"
                        + " turned off (see docs/metrics.md; the agent's own gpu_agent_* families stay on)");
    }

    /** Every family either naming renders is one {@code --exclude-families} knows, so none is out of its reach. */
    @Test
    void everyRenderedFamilyIsKnownByName() {
        var s = CatalogGoldenTest.everyField();
        Allocation.Holder h = new Allocation.Holder("ml", "p", "c");
        Attribution a = Attribution.resolve(s, io.gpuagent.kubelet.Allocations.from(List.of(
                new io.gpuagent.kubelet.ContainerAllocation("ml", "p", "c", List.of(new io.gpuagent.kubelet
                        .ContainerAllocation.DeviceGroup("nvidia.com/gpu", List.of("nvidia0"))),
                        List.of())), io.gpuagent.kubelet.GpuResources.defaults()));
        List<ContainerUsage.Row> usage = ContainerUsage.of(s, a, pid -> Optional.empty());
        DeviceView v = new DeviceView(s, a, x -> Map.of("label_team", "t"), usage,
                ContainerUsage.processes(s, a, pid -> Optional.empty()));
        assertThat(v.usage()).isNotEmpty();
        Set<String> nativeNames = new HashSet<>(NativeNaming.familyNames());
        Set<String> dcgmNames = new HashSet<>(DcgmNaming.familyNames());
        List<String> rendered = new ArrayList<>();
        for (MetricSnapshot m : Naming.nativeNaming().render(v)) {
            rendered.add(FamilyFilter.exposedName(m));
            assertThat(nativeNames).as("native").contains(FamilyFilter.exposedName(m));
        }
        for (MetricSnapshot m : Naming.dcgm("n").render(v)) {
            assertThat(dcgmNames).as("dcgm").contains(FamilyFilter.exposedName(m));
        }
        for (MetricSnapshot m : ServingFamilies.render(List.of())) {
            assertThat(nativeNames).contains(FamilyFilter.exposedName(m));
            assertThat(dcgmNames).contains(FamilyFilter.exposedName(m));
        }
        assertThat(rendered).contains("gpu_info", "gpu_energy_joules_total", "gpu_allocation_info", "gpu_container_processes");
    }

    /** docs/metrics.md gives every family that can be turned off its series per GPU, so teams can choose. */
    @Test
    void metricsMdGivesEveryFamilyItsSeriesPerGpu() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/metrics.md"));
        String section = doc.substring(doc.indexOf("## Turning families off"), doc.indexOf("## The agent's own families"));
        List<String> missing = NativeNaming.familyNames().stream()
                .filter(n -> !section.contains("\n| `" + n + "` | ")).toList();
        assertThat(missing).as("rows missing in docs/metrics.md, Turning families off").isEmpty();
    }
}
