package io.gpuagent.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.FieldValues;
import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.GpuReading;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MeterTest {

    static final GpuIdentity ID = new GpuIdentity(0, "GPU-0", "NVIDIA L40S", "00000000:01:00.0", OptionalLong.of(0));
    static final long S = 1_000_000_000L;

    static GpuReading reading(Long powerMw, Long energyMj) {
        FieldValues.Builder v = FieldValues.builder();
        if (powerMw != null) {
            v.put(DeviceField.POWER_USAGE, powerMw);
        }
        if (energyMj != null) {
            v.put(DeviceField.ENERGY, energyMj);
        }
        return new GpuReading(ID, true, v.build());
    }

    Meter meter = new Meter();

    @Test
    void theCounterGivesTheEnergyExactly() {
        assertThat(meter.advance(reading(300_000L, 1_000L), 0)).isEmpty();
        Meter.Interval i = meter.advance(reading(100_000L, 251_000L), 2 * S).orElseThrow();
        assertThat(i.nanos()).isEqualTo(2 * S);
        assertThat(i.energyMillijoules()).hasValue(250_000); // not the power readings' 400 J
        assertThat(i.afterGap()).isFalse();
    }

    @Test
    void withoutACounterTheMeanOfTwoPowerReadingsTimesTheInterval() {
        meter.advance(reading(30_000L, null), 0);
        assertThat(meter.advance(reading(50_000L, null), S / 2).orElseThrow().energyMillijoules()).hasValue(20_000);
    }

    @Test
    void aCounterThatWentBackFallsBackToPower() {
        meter.advance(reading(100_000L, 9_000_000L), 0);
        assertThat(meter.advance(reading(100_000L, 12L), S).orElseThrow().energyMillijoules()).hasValue(100_000);
    }

    @Test
    void neitherCounterNorPowerGivesTimeWithoutEnergy() {
        meter.advance(reading(null, null), 0);
        Meter.Interval i = meter.advance(reading(null, null), S).orElseThrow();
        assertThat(i.energyMillijoules()).isEmpty();
        assertThat(i.nanos()).isEqualTo(S);
    }

    @Test
    void aGpuThatStoppedAnsweringMarksTheNextIntervalAsAfterAGap() {
        meter.advance(reading(100_000L, 0L), 0);
        assertThat(meter.advance(GpuReading.down(ID), S)).isEmpty();
        Meter.Interval i = meter.advance(reading(100_000L, 300_000L), 3 * S).orElseThrow();
        assertThat(i.afterGap()).isTrue();
        assertThat(i.nanos()).isEqualTo(3 * S);
        assertThat(i.energyMillijoules()).hasValue(300_000);
        assertThat(meter.advance(reading(100_000L, 400_000L), 4 * S).orElseThrow().afterGap()).isFalse();
    }

    @Test
    void aReadingAtTheSameInstantIsNoInterval() {
        meter.advance(reading(100_000L, 0L), S);
        assertThat(meter.advance(reading(100_000L, 0L), S)).isEmpty();
        assertThat(meter.advance(reading(100_000L, 100_000L), 2 * S).orElseThrow().energyMillijoules()).hasValue(100_000);
    }
}
