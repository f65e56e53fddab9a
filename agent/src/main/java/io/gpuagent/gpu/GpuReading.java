package io.gpuagent.gpu;

import io.gpuagent.nvml.GpmMetric;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One GPU in one collection. {@code up} is false when the GPU stopped answering (e.g. GPU_IS_LOST);
 * then {@code values} is empty and only identity and {@code gpu_up 0} are exported.
 *
 * @param gpm the GPM profiling metrics (Hopper and newer) over the interval since the previous
 *     collection, in NVML's units (percent, MiB/s); empty on GPUs without GPM and at the first collection
 */
public record GpuReading(GpuIdentity identity, boolean up, Map<GpuField, Long> values, Map<GpmMetric, Double> gpm) {

    public GpuReading {
        values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
        gpm = gpm.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(gpm));
    }

    /** A reading without GPM metrics. */
    public GpuReading(GpuIdentity identity, boolean up, Map<GpuField, Long> values) {
        this(identity, up, values, Map.of());
    }

    public OptionalLong value(GpuField field) {
        Long v = values.get(field);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** A GPM metric in NVML's unit (percent or MiB/s); empty where GPM did not report it this interval. */
    public OptionalDouble gpm(GpmMetric metric) {
        Double v = gpm.get(metric);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
