package io.gpuagent.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.FieldValues;
import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.gpu.MigReading;
import io.gpuagent.source.SourceState;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The native naming of a fixed snapshot against a golden exposition file, plus the rules it must keep. */
class NativeNamingTest {

    static final GpuIdentity A100 = new GpuIdentity(0, "GPU-aaaa", "NVIDIA A100-SXM4-80GB", "00000000:07:00.0", OptionalLong.of(0));
    static final GpuIdentity L4 = new GpuIdentity(1, "GPU-bbbb", "NVIDIA L4", "00000000:0A:00.0", OptionalLong.of(1));
    static final GpuIdentity LOST = new GpuIdentity(2, "GPU-cccc", "NVIDIA T4", "00000000:0B:00.0", OptionalLong.of(2));

    static GpuSnapshot snapshot() {
        FieldValues.Builder a = FieldValues.builder();
        a.put(DeviceField.UTILIZATION_GPU, 87L);
        a.put(DeviceField.UTILIZATION_MEMORY, 41L);
        a.put(DeviceField.MEMORY_TOTAL, 85_899_345_920L);
        a.put(DeviceField.MEMORY_USED, 10_737_418_240L);
        a.put(DeviceField.MEMORY_FREE, 74_625_613_824L);
        a.put(DeviceField.MEMORY_RESERVED, 536_313_856L);
        a.put(DeviceField.TEMPERATURE, 61L);
        a.put(DeviceField.POWER_USAGE, 312_500L);
        a.put(DeviceField.POWER_LIMIT, 400_000L);
        a.put(DeviceField.ENERGY, 123_456_789L);
        a.put(DeviceField.CLOCK_SM, 1410L);
        a.put(DeviceField.CLOCK_MEMORY, 1593L);
        a.put(DeviceField.PERFORMANCE_STATE, 0L);
        a.put(DeviceField.CLOCK_EVENT_REASONS, 0x4L | 0x20L);
        a.put(DeviceField.ENCODER_UTILIZATION, 5L);
        a.put(DeviceField.DECODER_UTILIZATION, 7L);
        a.put(DeviceField.PCIE_TX, 1000L);
        a.put(DeviceField.PCIE_RX, 2000L);
        a.put(DeviceField.PCIE_REPLAYS, 3L);
        a.put(DeviceField.ECC_CORRECTED, 11L);
        a.put(DeviceField.ECC_UNCORRECTED, 1L);
        a.put(DeviceField.MIG_MODE, 1L);
        FieldValues.Builder l4 = FieldValues.builder();
        l4.put(DeviceField.UTILIZATION_GPU, 3L);
        l4.put(DeviceField.TEMPERATURE, 35L);
        l4.put(DeviceField.MEMORY_TOTAL, 24_000_000_000L);
        l4.put(DeviceField.MEMORY_USED, 1_000_000L);
        l4.put(DeviceField.MEMORY_FREE, 23_999_000_000L);
        l4.put(DeviceField.MIG_MODE, 0L);
        MigIdentity mig = new MigIdentity(A100, "MIG-1111", 1, 0, "3g.40gb");
        FieldValues.Builder m = FieldValues.builder();
        m.put(DeviceField.MEMORY_TOTAL, 42_000_000_000L);
        m.put(DeviceField.MEMORY_USED, 2_000_000_000L);
        m.put(DeviceField.MEMORY_FREE, 40_000_000_000L);
        return new GpuSnapshot("535.261.03", "12.2",
                List.of(new GpuReading(A100, true, a.build()), new GpuReading(L4, true, l4.build()), GpuReading.down(LOST)),
                List.of(new MigReading(mig, m.build())), Map.of(0, Map.of(48L, 2L)));
    }

    static String render(MetricSnapshots snapshots) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, snapshots);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void matchesTheGoldenExposition() throws Exception {
        String text = render(new MetricSnapshots(Render.nativeFamilies(snapshot())));
        Path golden = Path.of("src/test/resources/golden/native-devices.txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, text);
        }
        assertThat(text).isEqualTo(Files.readString(golden));
    }

    @Test
    void unsupportedValuesAreAbsentNotZero() throws Exception {
        String text = render(new MetricSnapshots(Render.nativeFamilies(snapshot())));
        // The L4 reports no power, energy or ECC: no series for it, while the A100 has them.
        assertThat(text).contains("gpu_power_watts{gpu=\"0\"");
        assertThat(text).doesNotContain("gpu_power_watts{gpu=\"1\"");
        assertThat(text).doesNotContain("gpu_energy_joules_total{gpu=\"1\"");
        assertThat(text).doesNotContain("gpu_ecc_errors_total{gpu=\"1\"");
        // A lost GPU keeps gpu_info and gpu_up 0, and nothing else.
        assertThat(text).contains("gpu_up{gpu=\"2\",model=\"NVIDIA T4\",pci_bus_id=\"00000000:0B:00.0\",uuid=\"GPU-cccc\"} 0.0");
        assertThat(text.lines().filter(l -> l.contains("gpu=\"2\"")).map(l -> l.substring(0, l.indexOf('{'))))
                .containsExactlyInAnyOrder("gpu_info", "gpu_up");
    }

    @Test
    void migInstancesCarryTheirLabelsAndTheParentsIdentity() throws Exception {
        String text = render(new MetricSnapshots(Render.nativeFamilies(snapshot())));
        assertThat(text).contains("gpu_memory_used_bytes{compute_instance_id=\"0\",gpu=\"0\",gpu_instance_id=\"1\","
                + "mig_profile=\"3g.40gb\",mig_uuid=\"MIG-1111\",model=\"NVIDIA A100-SXM4-80GB\","
                + "pci_bus_id=\"00000000:07:00.0\",uuid=\"GPU-aaaa\"} 2.0E9");
    }

    @Test
    void theCollectorReusesRenderedFamiliesUntilTheReadingChanges() {
        SourceState<GpuSnapshot> s = SourceState.<GpuSnapshot>starting("nvml", "x")
                .succeeded(snapshot(), Instant.parse("2026-11-24T12:00:00Z"), Duration.ofMillis(3), 0);
        AgentCollector collector = AgentCollector.builder("test").gpus(() -> s).sources(List.of(() -> s)).build();
        MetricSnapshots first = collector.collect();
        MetricSnapshots second = collector.collect();
        assertThat(second.get(0)).isSameAs(first.get(0));
        assertThat(first.stream().map(m -> m.getMetadata().getPrometheusName()))
                .contains("gpu_agent_nvml_up", "gpu_agent_collection_duration_seconds",
                        "gpu_agent_last_collection_timestamp_seconds", "gpu_agent_collection_errors", "gpu_up");
    }
}
