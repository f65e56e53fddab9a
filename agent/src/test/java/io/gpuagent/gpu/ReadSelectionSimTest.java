package io.gpuagent.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.nvml.raw.nvml_h$library;
import io.gpuagent.source.SourceRunner;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A catalog row no family on {@code /metrics} needs is not read: fewer NVML calls per collection (the simulator
 * counts them), no value in the reading, and no GPM sampling at all when no GPM row is wanted.
 */
class ReadSelectionSimTest {

    /** One collection's NVML calls and the snapshot it left, after a first collection (GPM needs two samples). */
    record Collection(int calls, GpuSnapshot snapshot) {
    }

    static Collection second(String scenario, Set<DeviceField> reads) throws Throwable {
        GpuSource source = new GpuSource(NvmlOpener.simulator(scenario), Clock.systemUTC(), reads);
        try {
            SourceRunner<GpuSnapshot> runner = SourceRunner.manual(source, Clock.systemUTC());
            runner.refreshNow();
            var calls = Linker.nativeLinker().downcallHandle(
                    nvml_h$library.current().find("simnvml_calls").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
            int before = (int) calls.invokeExact();
            GpuSnapshot s = runner.refreshNow().latest().orElseThrow();
            return new Collection((int) calls.invokeExact() - before, s);
        } finally {
            source.close();
        }
    }

    @Test
    void onlyTheWantedRowsAreAskedFor() throws Throwable {
        Collection all = second("test-node", EnumSet.allOf(DeviceField.class));
        Collection few = second("test-node", EnumSet.of(DeviceField.TEMPERATURE, DeviceField.MEMORY_USED));
        assertThat(few.calls()).isLessThan(all.calls() / 2);
        GpuReading g0 = few.snapshot().gpus().getFirst();
        assertThat(g0.value(DeviceField.TEMPERATURE)).hasValue(62);
        assertThat(g0.value(DeviceField.POWER_USAGE)).isEmpty();
        assertThat(g0.value(DeviceField.ENERGY)).isEmpty();
        assertThat(all.snapshot().gpus().getFirst().value(DeviceField.POWER_USAGE)).hasValue(215_000);
        // MIG mode is read regardless: MIG instances are found by it, and their wanted rows read
        assertThat(few.snapshot().migs()).hasSize(2);
        assertThat(few.snapshot().migs().getFirst().values().get(DeviceField.MEMORY_USED)).hasValue(8_589_934_592L);
        assertThat(few.snapshot().migs().getFirst().values().has(DeviceField.MEMORY_TOTAL)).isFalse();
    }

    @Test
    void withoutAGpmRowGpmIsNotSampled() throws Throwable {
        Collection gpm = second("gpm-node", EnumSet.of(DeviceField.TEMPERATURE, DeviceField.GPM_SM_ACTIVITY));
        Collection none = second("gpm-node", EnumSet.of(DeviceField.TEMPERATURE));
        assertThat(gpm.snapshot().gpus().getFirst().values().fraction(DeviceField.GPM_SM_ACTIVITY)).isPresent();
        assertThat(none.snapshot().gpus().getFirst().values().has(DeviceField.GPM_SM_ACTIVITY)).isFalse();
        assertThat(none.calls()).isLessThan(gpm.calls());
    }
}
