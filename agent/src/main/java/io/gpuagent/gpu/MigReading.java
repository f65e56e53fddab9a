package io.gpuagent.gpu;

import io.gpuagent.nvml.GpmMetric;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One MIG instance in one collection (NVML answers memory for MIG handles; utilization needs GPM).
 *
 * @param gpm the GPM profiling metrics of the instance's GPU instance (nvmlGpmMigSampleGet) over the
 *     interval since the previous collection, in NVML's units (percent, MiB/s); compute instances of
 *     one GPU instance share them; empty without GPM and at the first collection
 */
public record MigReading(MigIdentity identity, Map<GpuField, Long> values, Map<GpmMetric, Double> gpm) {

    public MigReading {
        values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
        gpm = gpm.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(gpm));
    }

    /** A reading without GPM metrics. */
    public MigReading(MigIdentity identity, Map<GpuField, Long> values) {
        this(identity, values, Map.of());
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
