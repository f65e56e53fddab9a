package io.gpuagent.catalog;

import io.gpuagent.nvml.GpmMetric;
import io.gpuagent.nvml.GpuDevice;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * How a catalog row's raw value is obtained. The NVML reader asks the device for {@link Call}, {@link Part}
 * and {@link PerIndex} rows; the NVML session fills {@link Gpm} and {@link Session} rows from its own
 * readers. An empty answer (NOT_SUPPORTED, or a driver without the function) leaves the value absent.
 */
public sealed interface Read {

    /** Whether MIG instance handles have the value too. */
    default boolean mig() {
        return false;
    }

    /**
     * One NVML call per device and collection.
     *
     * @param what its name in the log and for the stall watchdog ({@code GPU 1/power})
     * @param optional a feature many GPUs lack: once NOT_SUPPORTED, not asked again in the NVML session
     */
    record Call(String what, boolean optional, Function<GpuDevice, OptionalLong> call) implements Read {
    }

    /** One value of a {@link SharedRead} (utilization gives the GPU's and memory's percent, ...). */
    record Part<T>(SharedRead<T> shared, Function<T, OptionalLong> value) implements Read {
        @Override
        public boolean mig() {
            return shared.mig();
        }
    }

    /** One call per index of a dimension the device has (each fan, each active NVLink); optional. */
    record PerIndex(Dimension dimension, String[] whats, IndexCall call) implements Read {
    }

    @FunctionalInterface
    interface IndexCall {
        OptionalLong read(GpuDevice device, int index);
    }

    /** A GPM metric over the last collection interval (a fractional value: percent or MiB/s). */
    record Gpm(GpmMetric metric) implements Read {
        @Override
        public boolean mig() {
            return true;
        }
    }

    /** Set by the NVML session from a reader of its own, e.g. the last XID from the event thread. */
    record Session(String what) implements Read {
    }

    static Call call(String what, Function<GpuDevice, OptionalLong> call) {
        return new Call(what, false, call);
    }

    static Call optional(String what, Function<GpuDevice, OptionalLong> call) {
        return new Call(what, true, call);
    }

    static <T> Part<T> part(SharedRead<T> shared, Function<T, OptionalLong> value) {
        return new Part<>(shared, value);
    }

    /** {@code whatFormat} names index {@code i} with {@code %d}, e.g. {@code fan %d speed}. */
    static PerIndex perIndex(Dimension dimension, String whatFormat, IndexCall call) {
        String[] whats = new String[dimension.size()];
        for (int i = 0; i < whats.length; i++) {
            whats[i] = whatFormat.formatted(i);
        }
        return new PerIndex(dimension, whats, call);
    }

    /** A yes/no answer as 1 or 0. */
    static OptionalLong flag(Optional<Boolean> b) {
        return b.isPresent() ? OptionalLong.of(b.get() ? 1 : 0) : OptionalLong.empty();
    }
}
