package io.gpuagent.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.FieldValues;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.gpu.MigReading;
import io.gpuagent.join.Attribution;
import io.gpuagent.nvml.GpmMetric;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Both namings of a snapshot with a value in every catalog row against golden files. The files were written by
 * the namings as they were before the catalog (hand-built families, positional dcgm rows), so they hold every
 * name, help, type, unit, label and digit users saw; values are chosen to show whole-number division (dcgm's
 * MiB and microseconds) and NVLink sums. {@code -Dgolden.update=true} rewrites them.
 */
class CatalogGoldenTest {

    /** Every row of the catalog as of the files, in that order (rows added later are absent from the snapshot). */
    static final List<String> ROWS = List.of("UTILIZATION_GPU", "UTILIZATION_MEMORY", "MEMORY_TOTAL", "MEMORY_USED",
            "MEMORY_FREE", "MEMORY_RESERVED", "TEMPERATURE", "POWER_USAGE", "POWER_LIMIT", "ENERGY", "CLOCK_SM",
            "CLOCK_MEMORY", "PERFORMANCE_STATE", "CLOCK_EVENT_REASONS", "ENCODER_UTILIZATION", "DECODER_UTILIZATION",
            "PCIE_TX", "PCIE_RX", "PCIE_REPLAYS", "ECC_CORRECTED", "ECC_UNCORRECTED", "MIG_MODE",
            "REMAPPED_ROWS_CORRECTABLE", "REMAPPED_ROWS_UNCORRECTABLE", "REMAPPED_ROWS_PENDING", "REMAPPED_ROWS_FAILURE",
            "VIOLATION_POWER", "VIOLATION_THERMAL", "VIOLATION_SYNC_BOOST", "VIOLATION_BOARD_LIMIT",
            "VIOLATION_LOW_UTILIZATION", "VIOLATION_RELIABILITY", "FAN_SPEED 0", "FAN_SPEED 1", "FAN_SPEED 2",
            "FAN_SPEED 3", "MEMORY_TEMPERATURE", "RETIRED_PAGES_SINGLE_BIT", "RETIRED_PAGES_DOUBLE_BIT",
            "RETIRED_PAGES_PENDING", "LAST_XID");

    static GpuSnapshot everyField() {
        FieldValues.Builder a = FieldValues.builder();
        long x = 1_234_567_891L;
        for (String row : ROWS) {
            String[] r = row.split(" ");
            a.put(DeviceField.valueOf(r[0]), r.length > 1 ? Integer.parseInt(r[1]) : 0, x);
            x = (x * 7 + 13) % 9_999_999_967L;
        }
        a.put(DeviceField.CLOCK_EVENT_REASONS, 0x1L | 0x8L | 0x100L | 0x400L);
        a.put(DeviceField.MIG_MODE, 1L);
        double y = 12.345;
        for (GpmMetric m : GpmMetric.values()) {
            a.put(DeviceField.of(m), y);
            y = y * 1.7 + 0.3;
        }
        a.put(DeviceField.NVLINK_CRC_FLIT, 0, 5L).put(DeviceField.NVLINK_REPLAY, 0, 7L);
        a.put(DeviceField.NVLINK_CRC_FLIT, 3, 11L).put(DeviceField.NVLINK_CRC_DATA, 3, 2L).put(DeviceField.NVLINK_RECOVERY, 3, 0L);
        a.put(DeviceField.NVLINK_RECOVERY, 17, 9L);
        FieldValues.Builder b = FieldValues.builder().put(DeviceField.FAN_SPEED, 1, 33L).put(DeviceField.LAST_XID, 79L)
                .put(DeviceField.MEMORY_USED, 3_000_000_001L).put(DeviceField.CLOCK_EVENT_REASONS, 0L)
                .put(DeviceField.GPM_PCIE_RX, 0.5);
        MigIdentity mig = new MigIdentity(NativeNamingTest.A100, "MIG-1111", 1, 0, "3g.40gb");
        FieldValues.Builder m = FieldValues.builder().put(DeviceField.MEMORY_TOTAL, 42_000_000_001L)
                .put(DeviceField.MEMORY_RESERVED, 1_000_001L).put(DeviceField.GPM_SM_ACTIVITY, 33.3);
        return new GpuSnapshot("535.261.03", "12.2", List.of(new GpuReading(NativeNamingTest.A100, true, a.build()),
                new GpuReading(NativeNamingTest.L4, true, b.build()), GpuReading.down(NativeNamingTest.LOST)),
                List.of(new MigReading(mig, m.build())), Map.of(0, Map.of(48L, 2L, 79L, 1L), 1, Map.of(79L, 3L)));
    }

    static void assertGolden(Naming naming, GpuSnapshot s, String file) throws Exception {
        String text = NativeNamingTest.render(new MetricSnapshots(naming.render(DeviceView.of(s, Attribution.NONE))));
        Path golden = Path.of("src/test/resources/golden", file);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, text);
        }
        assertThat(text).isEqualTo(Files.readString(golden));
    }

    @Test
    void everyFieldInNativeNaming() throws Exception {
        assertGolden(Naming.nativeNaming(), everyField(), "native-all-fields.txt");
    }

    @Test
    void everyFieldInDcgmNaming() throws Exception {
        assertGolden(Naming.dcgm("node-1"), everyField(), "dcgm-all-fields.txt");
    }

    @Test
    void theNativeFixtureInDcgmNaming() throws Exception {
        assertGolden(Naming.dcgm("node-1"), NativeNamingTest.snapshot(), "dcgm-devices.txt");
    }
}
