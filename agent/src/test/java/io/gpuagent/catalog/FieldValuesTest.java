package io.gpuagent.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldValuesTest {

    @Test
    void absentIsNotZero() {
        FieldValues v = FieldValues.builder().put(DeviceField.TEMPERATURE, 0).build();
        assertThat(v.get(DeviceField.TEMPERATURE)).hasValue(0);
        assertThat(v.get(DeviceField.POWER_USAGE)).isEmpty();
        assertThat(v.has(DeviceField.POWER_USAGE)).isFalse();
        assertThat(FieldValues.EMPTY.isEmpty()).isTrue();
        assertThat(v.isEmpty()).isFalse();
    }

    @Test
    void indexedRowsKeepEachIndexAndSumThoseThatAreThere() {
        FieldValues v = FieldValues.builder().put(DeviceField.NVLINK_REPLAY, 0, 2).put(DeviceField.NVLINK_REPLAY, 17, 5)
                .put(DeviceField.FAN_SPEED, 3, 40).build();
        assertThat(v.get(DeviceField.NVLINK_REPLAY, 17)).hasValue(5);
        assertThat(v.has(DeviceField.NVLINK_REPLAY, 1)).isFalse();
        assertThat(v.sum(DeviceField.NVLINK_REPLAY)).hasValue(7);
        assertThat(v.sum(DeviceField.NVLINK_CRC_DATA)).isEmpty();
        assertThat(v.has(DeviceField.FAN_SPEED, 3)).isTrue();
        assertThat(v.has(DeviceField.FAN_SPEED, 0)).isFalse();
        assertThatThrownBy(() -> v.has(DeviceField.FAN_SPEED, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> v.has(DeviceField.TEMPERATURE, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void gpmValuesAreFractional() {
        FieldValues v = FieldValues.builder().put(DeviceField.GPM_SM_ACTIVITY, 82.25).build();
        assertThat(v.fraction(DeviceField.GPM_SM_ACTIVITY)).hasValue(82.25);
        assertThat(v.scaled(DeviceField.GPM_SM_ACTIVITY, 0, Scale.multiply(0.01))).isEqualTo(82.25 * 0.01);
        assertThatThrownBy(() -> FieldValues.builder().put(DeviceField.GPM_SM_ACTIVITY, 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldValues.builder().put(DeviceField.TEMPERATURE, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBuilderClearedStartsOverAndItsReadingsStayAsBuilt() {
        FieldValues.Builder b = FieldValues.builder().put(DeviceField.ENERGY, 10);
        FieldValues first = b.build();
        FieldValues second = b.clear().put(DeviceField.POWER_USAGE, 5).build();
        assertThat(first.get(DeviceField.ENERGY)).hasValue(10);
        assertThat(second.has(DeviceField.ENERGY)).isFalse();
        assertThat(first).isEqualTo(FieldValues.builder().put(DeviceField.ENERGY, 10).build()).isNotEqualTo(second);
        assertThat(second.toString()).isEqualTo("{POWER_USAGE=5}");
    }

    @Test
    void scalesKeepTheExportsArithmetic() {
        assertThat(Scale.AS_IS.apply(7L)).isEqualTo(7.0);
        assertThat(Scale.MILLI.apply(312_500L)).isEqualTo(312.5);
        assertThat(Scale.PERCENT_TO_RATIO.apply(87L)).isEqualTo(87 / 100.0);
        assertThat(Scale.wholeDivide(1000).apply(123_456_789_999L)).as("whole microseconds").isEqualTo(123_456_789.0);
        assertThat(Scale.wholeDivide(1024 * 1024).apply(3_000_000_001L)).as("whole MiB").isEqualTo(2861.0);
        assertThat(Scale.multiply(1e6).apply(1410L)).isEqualTo(1.41e9);
        assertThat(Scale.multiply(0.01).apply(82.25)).isEqualTo(82.25 * 0.01);
        assertThatThrownBy(() -> Scale.wholeDivide(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
