package io.gpuagent.gpu;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One GPU in one collection. {@code up} is false when the GPU stopped answering (e.g. GPU_IS_LOST);
 * then {@code values} is empty and only identity and {@code gpu_up 0} are exported.
 */
public record GpuReading(GpuIdentity identity, boolean up, Map<GpuField, Long> values) {

    public GpuReading {
        values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
    }

    public OptionalLong value(GpuField field) {
        Long v = values.get(field);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
