package io.gpuagent.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.TestGpus;
import io.gpuagent.gpu.NvmlOpener;
import io.gpuagent.join.Attribution;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device-health families (remapped rows, violation times, fan speed, memory temperature, retired pages,
 * NVLink errors) from the NVML collection to native and dcgm naming,
 * through the real bindings on the simulator's device-health scenario: GPU 0 reports every one, GPU 1
 * none (NOT_SUPPORTED: absent, never 0), GPU 2 is in MIG mode (no remapped rows).
 */
class DeviceHealthSimTest {

    static final String GPU0 = "GPU-a0a0a0a0-0000-0000-0000-000000000000";
    static final String GPU1 = "GPU-a1a1a1a1-0000-0000-0000-000000000000";
    static final String GPU2 = "GPU-a2a2a2a2-0000-0000-0000-000000000000";
    static final String V100 = "GPU-a3a3a3a3-0000-0000-0000-000000000000";

    static TestGpus source;
    static GpuSnapshot first;
    static GpuSnapshot second;

    @BeforeAll
    static void collectTwice() {
        source = new TestGpus(NvmlOpener.simulator("device-health"));
        source.collect();
        first = source.state().latest().orElseThrow(() -> new AssertionError(source.state().problem()));
        source.collect();
        second = source.state().latest().orElseThrow();
    }

    @AfterAll
    static void close() {
        source.close();
    }

    @Test
    void remappedRowsInNativeNaming() {
        for (GpuSnapshot s : List.of(first, second)) {
            List<MetricSnapshot> out = Render.nativeFamilies(s);
            assertThat(value(out, "gpu_remapped_rows", GPU0, "type", "correctable")).hasValue(3);
            assertThat(value(out, "gpu_remapped_rows", GPU0, "type", "uncorrectable")).hasValue(1);
            assertThat(value(out, "gpu_remapped_rows_pending", GPU0)).hasValue(1);
            assertThat(value(out, "gpu_remapped_rows_failure", GPU0)).hasValue(0);
            for (String absent : List.of(GPU1, GPU2)) {
                for (String f : List.of("gpu_remapped_rows", "gpu_remapped_rows_pending", "gpu_remapped_rows_failure")) {
                    assertThat(value(out, f, absent, "type", "correctable")).as(f + " " + absent).isEmpty();
                    assertThat(value(out, f, absent)).as(f + " " + absent).isEmpty();
                }
            }
            assertThat(family(out, "gpu_remapped_rows")).get().isInstanceOf(GaugeSnapshot.class);
        }
    }

    @Test
    void remappedRowsInDcgmNaming() {
        List<MetricSnapshot> out = DcgmNaming.devices(second, Attribution.NONE, "node-1");
        assertThat(dcgm(out, "DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", GPU0)).hasValue(3);
        assertThat(dcgm(out, "DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", GPU0)).hasValue(1);
        assertThat(dcgm(out, "DCGM_FI_DEV_ROW_REMAP_PENDING", GPU0)).hasValue(1);
        assertThat(dcgm(out, "DCGM_FI_DEV_ROW_REMAP_FAILURE", GPU0)).hasValue(0);
        assertThat(family(out, "DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS")).get().isInstanceOf(UnknownSnapshot.class);
        for (String absent : List.of(GPU1, GPU2)) {
            assertThat(dcgm(out, "DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", absent)).isEmpty();
            assertThat(dcgm(out, "DCGM_FI_DEV_ROW_REMAP_PENDING", absent)).isEmpty();
        }
    }

    @Test
    void violationTimesInNativeNaming() {
        List<MetricSnapshot> out = Render.nativeFamilies(second);
        String f = "gpu_clock_event_seconds";
        assertThat(family(out, f)).get().isInstanceOf(CounterSnapshot.class);
        assertThat(value(out, f, GPU0, "reason", "power")).hasValue(1.5);
        assertThat(value(out, f, GPU0, "reason", "thermal")).as("NOT_SUPPORTED").isEmpty();
        assertThat(value(out, f, GPU0, "reason", "sync_boost")).hasValue(0);
        assertThat(value(out, f, GPU0, "reason", "board_limit")).hasValue(0.25);
        assertThat(value(out, f, GPU0, "reason", "low_utilization").getAsDouble()).isCloseTo(123.456789, within(1e-9));
        assertThat(value(out, f, GPU0, "reason", "reliability").getAsDouble()).isCloseTo(7e-6, within(1e-15));
        assertThat(family(out, f).get().getDataPoints()).extracting(p -> p.getLabels().get("uuid")).containsOnly(GPU0);
    }

    @Test
    void violationTimesInDcgmNamingAreMicroseconds() {
        List<MetricSnapshot> out = DcgmNaming.devices(second, Attribution.NONE, "node-1");
        assertThat(dcgm(out, "DCGM_FI_DEV_POWER_VIOLATION", GPU0)).hasValue(1_500_000);
        assertThat(dcgm(out, "DCGM_FI_DEV_THERMAL_VIOLATION", GPU0)).isEmpty();
        assertThat(family(out, "DCGM_FI_DEV_THERMAL_VIOLATION")).isEmpty();
        assertThat(dcgm(out, "DCGM_FI_DEV_SYNC_BOOST_VIOLATION", GPU0)).hasValue(0);
        assertThat(dcgm(out, "DCGM_FI_DEV_BOARD_LIMIT_VIOLATION", GPU0)).hasValue(250_000);
        assertThat(dcgm(out, "DCGM_FI_DEV_LOW_UTIL_VIOLATION", GPU0)).hasValue(123_456_789);
        assertThat(dcgm(out, "DCGM_FI_DEV_RELIABILITY_VIOLATION", GPU0)).hasValue(7);
        assertThat(family(out, "DCGM_FI_DEV_POWER_VIOLATION")).get().isInstanceOf(UnknownSnapshot.class);
        assertThat(dcgm(out, "DCGM_FI_DEV_POWER_VIOLATION", GPU1)).isEmpty();
    }

    @Test
    void fanSpeedPerFanWhereTheBoardHasFans() {
        List<MetricSnapshot> out = Render.nativeFamilies(second);
        assertThat(value(out, "gpu_fan_speed_ratio", GPU0, "fan", "0")).hasValue(0.45);
        assertThat(value(out, "gpu_fan_speed_ratio", GPU0, "fan", "1")).hasValue(0.45);
        assertThat(family(out, "gpu_fan_speed_ratio").get().getDataPoints()).as("GPU 1 has no fans, GPU 2 zero")
                .hasSize(2);
        List<MetricSnapshot> dcgm = DcgmNaming.devices(second, Attribution.NONE, "node-1");
        assertThat(dcgm(dcgm, "DCGM_FI_DEV_FAN_SPEED", GPU0)).hasValue(45);
        assertThat(family(dcgm, "DCGM_FI_DEV_FAN_SPEED").get().getDataPoints()).hasSize(1);
    }

    @Test
    void memoryTemperatureInBothNamings() {
        List<MetricSnapshot> out = Render.nativeFamilies(second);
        assertThat(value(out, "gpu_memory_temperature_celsius", GPU0)).hasValue(71);
        assertThat(family(out, "gpu_memory_temperature_celsius").get().getDataPoints()).hasSize(1);
        List<MetricSnapshot> dcgm = DcgmNaming.devices(second, Attribution.NONE, "node-1");
        assertThat(dcgm(dcgm, "DCGM_FI_DEV_MEMORY_TEMP", GPU0)).hasValue(71);
        assertThat(dcgm(dcgm, "DCGM_FI_DEV_MEMORY_TEMP", GPU1)).isEmpty();
    }

    @Test
    void retiredPagesInBothNamings() {
        List<MetricSnapshot> out = Render.nativeFamilies(second);
        assertThat(value(out, "gpu_retired_pages", V100, "cause", "single_bit")).hasValue(2);
        assertThat(value(out, "gpu_retired_pages", V100, "cause", "double_bit")).hasValue(1);
        assertThat(value(out, "gpu_retired_pages_pending", V100)).hasValue(1);
        assertThat(family(out, "gpu_retired_pages").get().getDataPoints()).hasSize(2);
        assertThat(family(out, "gpu_retired_pages_pending").get().getDataPoints()).hasSize(1);
        List<MetricSnapshot> dcgm = DcgmNaming.devices(second, Attribution.NONE, "node-1");
        assertThat(dcgm(dcgm, "DCGM_FI_DEV_RETIRED_SBE", V100)).hasValue(2);
        assertThat(dcgm(dcgm, "DCGM_FI_DEV_RETIRED_DBE", V100)).hasValue(1);
        assertThat(dcgm(dcgm, "DCGM_FI_DEV_RETIRED_PENDING", V100)).hasValue(1);
        assertThat(dcgm(dcgm, "DCGM_FI_DEV_RETIRED_SBE", GPU0)).isEmpty();
        assertThat(family(dcgm, "DCGM_FI_DEV_RETIRED_SBE").get()).isInstanceOf(UnknownSnapshot.class);
    }

    @Test
    void nvlinkErrorsPerLinkInNativeNaming() {
        List<MetricSnapshot> out = Render.nativeFamilies(second);
        String f = "gpu_nvlink_errors";
        assertThat(family(out, f)).get().isInstanceOf(CounterSnapshot.class);
        assertThat(value(out, f, GPU0, "link", "0", "type", "crc_flit")).hasValue(5);
        assertThat(value(out, f, GPU0, "link", "1", "type", "crc_flit")).hasValue(10);
        assertThat(value(out, f, GPU0, "link", "0", "type", "crc_data")).hasValue(3);
        assertThat(value(out, f, GPU0, "link", "1", "type", "crc_data")).hasValue(6);
        assertThat(value(out, f, GPU0, "link", "1", "type", "replay")).hasValue(2);
        assertThat(value(out, f, GPU0, "link", "0", "type", "recovery")).hasValue(0);
        assertThat(family(out, f).get().getDataPoints()).as("2 links x 4 counters, GPU 0 only").hasSize(8);
    }

    @Test
    void nvlinkErrorsSummedOverLinksInDcgmNaming() {
        List<MetricSnapshot> out = DcgmNaming.devices(second, Attribution.NONE, "node-1");
        assertThat(dcgm(out, "DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL", GPU0)).hasValue(15);
        assertThat(dcgm(out, "DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL", GPU0)).hasValue(9);
        assertThat(dcgm(out, "DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL", GPU0)).hasValue(3);
        assertThat(dcgm(out, "DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL", GPU0)).hasValue(0);
        assertThat(family(out, "DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL").get()).isInstanceOf(UnknownSnapshot.class);
        assertThat(family(out, "DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL").get().getDataPoints()).hasSize(1);
    }

    @Test
    void unsupportedFieldsAreAbsentFromTheReadings() {
        GpuReading g1 = gpu(second, GPU1);
        assertThat(g1.up()).isTrue();
        for (DeviceField f : List.of(DeviceField.REMAPPED_ROWS_CORRECTABLE, DeviceField.REMAPPED_ROWS_UNCORRECTABLE,
                DeviceField.REMAPPED_ROWS_PENDING, DeviceField.REMAPPED_ROWS_FAILURE, DeviceField.VIOLATION_POWER,
                DeviceField.VIOLATION_THERMAL, DeviceField.VIOLATION_SYNC_BOOST, DeviceField.VIOLATION_BOARD_LIMIT,
                DeviceField.VIOLATION_LOW_UTILIZATION, DeviceField.VIOLATION_RELIABILITY, DeviceField.FAN_SPEED,
                DeviceField.MEMORY_TEMPERATURE, DeviceField.RETIRED_PAGES_SINGLE_BIT, DeviceField.RETIRED_PAGES_DOUBLE_BIT,
                DeviceField.RETIRED_PAGES_PENDING, DeviceField.NVLINK_CRC_FLIT, DeviceField.NVLINK_CRC_DATA,
                DeviceField.NVLINK_REPLAY, DeviceField.NVLINK_RECOVERY)) {
            for (int i = 0; i < f.dimension().size(); i++) {
                assertThat(g1.values().has(f, i)).as(f + " " + i).isFalse();
            }
        }
        assertThat(source.state().problem()).isEmpty();
        assertThat(source.state().errors()).as("NOT_SUPPORTED is no error").isZero();
    }

    static GpuReading gpu(GpuSnapshot s, String uuid) {
        return s.gpus().stream().filter(g -> g.identity().uuid().equals(uuid)).findFirst().orElseThrow();
    }

    static Optional<MetricSnapshot> family(List<MetricSnapshot> out, String name) {
        return out.stream().filter(f -> f.getMetadata().getName().equals(name)).findFirst();
    }

    /** The value of the one point of a native family with that GPU uuid and extra labels; empty if none. */
    static OptionalDouble value(List<MetricSnapshot> out, String name, String uuid, String... extra) {
        return find(out, name, "uuid", uuid, extra);
    }

    static OptionalDouble dcgm(List<MetricSnapshot> out, String name, String uuid, String... extra) {
        return find(out, name, "UUID", uuid, extra);
    }

    private static OptionalDouble find(List<MetricSnapshot> out, String name, String uuidLabel, String uuid,
            String... extra) {
        Optional<MetricSnapshot> f = family(out, name);
        if (f.isEmpty()) {
            return OptionalDouble.empty();
        }
        List<Double> hits = new ArrayList<>();
        for (DataPointSnapshot p : f.get().getDataPoints()) {
            boolean ok = uuid.equals(p.getLabels().get(uuidLabel));
            for (int i = 0; i < extra.length; i += 2) {
                ok &= extra[i + 1].equals(p.getLabels().get(extra[i]));
            }
            if (ok) {
                hits.add(switch (p) {
                    case GaugeSnapshot.GaugeDataPointSnapshot g -> g.getValue();
                    case CounterSnapshot.CounterDataPointSnapshot c -> c.getValue();
                    case UnknownSnapshot.UnknownDataPointSnapshot u -> u.getValue();
                    default -> throw new AssertionError(p);
                });
            }
        }
        assertThat(hits).as(name + " " + uuid + " " + String.join(",", extra)).hasSizeLessThanOrEqualTo(1);
        return hits.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(hits.get(0));
    }
}
