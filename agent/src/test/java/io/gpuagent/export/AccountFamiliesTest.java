package io.gpuagent.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.accounting.Accounts;
import io.gpuagent.accounting.SplitMethod;
import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.join.Attribution;
import io.gpuagent.join.ProcessOwner;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The accounts as exposition: names, types, labels, what is left out, and the same names under dcgm naming. */
class AccountFamiliesTest {

    static final GpuIdentity GPU = new GpuIdentity(0, "GPU-a", "NVIDIA L40S", "00000000:01:00.0", OptionalLong.of(0));
    static final GpuIdentity BLIND = new GpuIdentity(1, "GPU-b", "Old", "00000000:02:00.0", OptionalLong.of(1));
    static final MigIdentity MIG = new MigIdentity(GPU, "MIG-m", 3, 0, "3g.40gb", 7);
    static final ProcessOwner A = new ProcessOwner("team", "a", "main");

    static final Accounts ACCOUNTS = new Accounts(List.of(
            new Accounts.Container(GPU, Optional.empty(), A, OptionalDouble.of(125.5), OptionalDouble.of(125),
                    0.25, OptionalDouble.of(0.5)),
            new Accounts.Container(GPU, Optional.of(MIG), A, OptionalDouble.of(7), OptionalDouble.empty(), 3 / 7.0,
                    OptionalDouble.empty()),
            new Accounts.Container(BLIND, Optional.empty(), A, OptionalDouble.empty(), OptionalDouble.empty(), 2,
                    OptionalDouble.of(0))),
            List.of(new Accounts.Gpu(GPU, OptionalDouble.of(45), OptionalDouble.of(100), SplitMethod.PROCESS_SAMPLES),
                    new Accounts.Gpu(BLIND, OptionalDouble.empty(), OptionalDouble.empty(), SplitMethod.ALLOCATION)));

    static String render(Naming naming) throws Exception {
        GpuSnapshot s = new GpuSnapshot("535", "12.2", List.of(), List.of(), Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(naming.render(
                new DeviceView(s, Attribution.NONE, h -> Map.of(), List.of(), List.of(), ACCOUNTS))));
        return out.toString(StandardCharsets.UTF_8);
    }

    static final String A_ON_GPU = "container=\"main\",gpu=\"0\",model=\"NVIDIA L40S\",namespace=\"team\","
            + "pci_bus_id=\"00000000:01:00.0\",pod=\"a\",uuid=\"GPU-a\"}";

    @Test
    void containerSeriesCarryTheDevicesAndTheContainersLabels() throws Exception {
        String text = render(Naming.nativeNaming());
        assertThat(text).contains("# TYPE gpu_container_power_watts gauge", "# TYPE gpu_container_energy_joules_total counter",
                "# TYPE gpu_container_gpu_seconds_total counter", "# TYPE gpu_container_sm_seconds_total counter",
                "# TYPE gpu_unattributed_energy_joules_total counter", "# TYPE gpu_idle_power_watts gauge");
        assertThat(text).contains("gpu_container_power_watts{" + A_ON_GPU + " 125.0");
        assertThat(text).contains("gpu_container_energy_joules_total{" + A_ON_GPU + " 125.5");
        assertThat(text).contains("gpu_container_gpu_seconds_total{" + A_ON_GPU + " 0.25");
        assertThat(text).contains("gpu_container_sm_seconds_total{" + A_ON_GPU + " 0.5");
        assertThat(text).contains("gpu_container_energy_joules_total{compute_instance_id=\"0\",container=\"main\",gpu=\"0\","
                + "gpu_instance_id=\"3\",mig_profile=\"3g.40gb\",mig_uuid=\"MIG-m\",model=\"NVIDIA L40S\",namespace=\"team\","
                + "pci_bus_id=\"00000000:01:00.0\",pod=\"a\",uuid=\"GPU-a\"} 7.0");
    }

    @Test
    void whatIsUnknownIsLeftOutNotZero() throws Exception {
        String text = render(Naming.nativeNaming());
        assertThat(text).doesNotContain("gpu_container_power_watts{compute_instance_id"); // no part in the last interval
        assertThat(text).doesNotContain("gpu_container_sm_seconds_total{compute_instance_id"); // MIG: no samples
        assertThat(text).doesNotContain("gpu_container_energy_joules_total{container=\"main\",gpu=\"1\"");
        assertThat(text).contains("gpu_container_gpu_seconds_total{container=\"main\",gpu=\"1\"");
        assertThat(text).doesNotContain("gpu_unattributed_energy_joules_total{gpu=\"1\"");
        assertThat(text).doesNotContain("gpu_idle_power_watts{gpu=\"1\"");
    }

    @Test
    void perGpuSeriesCarryTheDeviceOnly() throws Exception {
        String text = render(Naming.nativeNaming());
        String gpu = "gpu=\"0\",model=\"NVIDIA L40S\",pci_bus_id=\"00000000:01:00.0\",uuid=\"GPU-a\"}";
        assertThat(text).contains("gpu_unattributed_energy_joules_total{" + gpu + " 45.0");
        assertThat(text).contains("gpu_idle_power_watts{" + gpu + " 100.0");
        assertThat(text).contains("gpu_energy_split_info{active_by=\"process_samples\"," + gpu + " 1");
        assertThat(text).contains("gpu_energy_split_info{active_by=\"allocation\",gpu=\"1\"");
    }

    @Test
    void dcgmNamingServesThemUnderTheirNativeNames() throws Exception {
        String text = render(Naming.dcgm("node-1"));
        assertThat(text).contains("gpu_container_energy_joules_total{" + A_ON_GPU + " 125.5");
        assertThat(text).contains("gpu_unattributed_energy_joules_total{gpu=\"0\"");
    }

    @Test
    void noAccountsNoFamilies() throws Exception {
        GpuSnapshot s = new GpuSnapshot("535", "12.2", List.of(), List.of(), Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(Naming.nativeNaming().render(DeviceView.of(s,
                Attribution.NONE))));
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("gpu_container_energy", "gpu_energy_split");
    }
}
