package io.gpuagent.gpu;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/** One MIG instance in one collection (NVML answers memory for MIG handles; utilization needs GPM). */
public record MigReading(MigIdentity identity, Map<GpuField, Long> values) {

    public MigReading {
        values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
    }

    public OptionalLong value(GpuField field) {
        Long v = values.get(field);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
