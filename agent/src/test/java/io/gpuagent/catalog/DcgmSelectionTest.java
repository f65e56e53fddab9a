package io.gpuagent.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which fields of a counters file dcgm naming serves, and how the built-in set relates to dcgm-exporter's default. */
class DcgmSelectionTest {

    @Test
    void dcgmExportersDefaultFileIsServedButForTwoFieldsNvmlHasNoSourceFor() throws Exception {
        DcgmSelection s = DcgmSelection.of(DcgmCountersTest.defaultCounters());
        assertThat(s.notServed()).containsExactly("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", "DCGM_FI_DEV_VGPU_LICENSE_STATUS");
        assertThat(s.driverVersionLabel()).isTrue();
        assertThat(s.fields()).hasSize(23);
        assertThat(s.fields().getFirst().name()).isEqualTo("DCGM_FI_DEV_SM_CLOCK");
        // the file's type and help, not the catalog's
        DcgmSelection.Field energy = s.fields().get(5);
        assertThat(energy.row()).isEqualTo(DeviceField.ENERGY);
        assertThat(energy.gauge()).isFalse();
        DcgmSelection.Field tensor = s.fields().stream().filter(f -> f.row() == DeviceField.GPM_TENSOR_ACTIVITY)
                .findFirst().orElseThrow();
        assertThat(tensor.help()).isEqualTo("Ratio of cycles the tensor (HMMA) pipe is active.");
        assertThat(tensor.gauge()).isTrue();
    }

    /** The shipped default (no --dcgm-counters) serves every field of dcgm-exporter's default that NVML has. */
    @Test
    void theBuiltInSetHoldsEveryServableFieldOfDcgmExportersDefault() throws Exception {
        DcgmSelection defaults = DcgmSelection.of(DcgmCountersTest.defaultCounters());
        Set<DeviceField> builtIn = EnumSet.noneOf(DeviceField.class);
        DcgmSelection.BUILT_IN.fields().forEach(f -> builtIn.add(f.row()));
        assertThat(builtIn).containsAll(defaults.reads());
        assertThat(DcgmSelection.BUILT_IN.driverVersionLabel()).isTrue();
        assertThat(DcgmSelection.BUILT_IN.notServed()).isEmpty();
        // and they agree on each field's type
        for (DcgmSelection.Field f : defaults.fields()) {
            DcgmSelection.Field b = DcgmSelection.BUILT_IN.fields().stream().filter(x -> x.row() == f.row()).findFirst()
                    .orElseThrow();
            assertThat(b.gauge()).as(f.name()).isEqualTo(f.gauge());
        }
    }

    @Test
    void typesAndLabelsAsTheFileSays() {
        DcgmSelection s = DcgmSelection.of(DcgmCounters.parse("""
                DCGM_FI_DEV_GPU_TEMP, label, a measurement cannot be a label here
                DCGM_FI_DRIVER_VERSION, gauge, nor the driver version a number
                DCGM_FI_DEV_RETIRED_PENDING, counter, Total number of pages pending retirement.
                DCGM_FI_DEV_PCIE_REPLAY_COUNTER, histogram, odd but accepted
                DCGM_FI_DEV_SERIAL, label, Device Serial Number
                dcgm_gpu_temp, gauge, the 1.x names are not served
                """));
        assertThat(s.fields()).extracting(DcgmSelection.Field::row)
                .containsExactly(DeviceField.RETIRED_PAGES_PENDING, DeviceField.PCIE_REPLAYS);
        assertThat(s.fields()).extracting(DcgmSelection.Field::gauge).containsExactly(false, false);
        assertThat(s.driverVersionLabel()).isFalse();
        assertThat(s.notServed()).containsExactly("DCGM_FI_DEV_GPU_TEMP", "DCGM_FI_DRIVER_VERSION", "DCGM_FI_DEV_SERIAL",
                "dcgm_gpu_temp");
    }

    @Test
    void withoutDropsFieldsByNameAndReadsFollow() {
        DcgmSelection s = DcgmSelection.of(DcgmCounters.parse("""
                DCGM_FI_DEV_GPU_UTIL, gauge, a
                DCGM_FI_PROF_SM_ACTIVE, gauge, b
                DCGM_FI_DEV_FB_USED, gauge, c
                """)).without(n -> n.startsWith("DCGM_FI_PROF_"));
        assertThat(s.fields()).extracting(DcgmSelection.Field::name).containsExactly("DCGM_FI_DEV_GPU_UTIL",
                "DCGM_FI_DEV_FB_USED");
        assertThat(s.reads()).containsExactlyInAnyOrder(DeviceField.UTILIZATION_GPU, DeviceField.MEMORY_USED);
        assertThat(DcgmSelection.catalogNames()).contains("DCGM_FI_PROF_SM_ACTIVE").hasSize(
                (int) List.of(DeviceField.values()).stream().filter(f -> f.dcgm() != null).count());
    }
}
