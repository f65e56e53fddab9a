package io.gpuagent.gpu;

import io.gpuagent.nvml.GpmMetric;
import io.gpuagent.nvml.NvLinkError;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One GPU in one collection. {@code up} is false when the GPU stopped answering (e.g. GPU_IS_LOST);
 * then {@code values} is empty and only identity and {@code gpu_up 0} are exported.
 *
 * @param gpm the GPM profiling metrics (Hopper and newer) over the interval since the previous
 *     collection, in NVML's units (percent, MiB/s); empty on GPUs without GPM and at the first collection
 * @param nvlinkErrors per active NVLink (by link number), its data-link error counters; empty on GPUs
 *     without NVLink
 */
public record GpuReading(GpuIdentity identity, boolean up, Map<GpuField, Long> values, Map<GpmMetric, Double> gpm,
        Map<Integer, Map<NvLinkError, Long>> nvlinkErrors) {

    public GpuReading {
        values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
        gpm = gpm.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(gpm));
        if (nvlinkErrors.isEmpty()) {
            nvlinkErrors = Map.of();
        } else {
            TreeMap<Integer, Map<NvLinkError, Long>> links = new TreeMap<>();
            nvlinkErrors.forEach((link, counters) -> links.put(link,
                    Collections.unmodifiableMap(counters.isEmpty() ? new EnumMap<>(NvLinkError.class) : new EnumMap<>(counters))));
            nvlinkErrors = Collections.unmodifiableMap(links);
        }
    }

    /** A reading without NVLink counters. */
    public GpuReading(GpuIdentity identity, boolean up, Map<GpuField, Long> values, Map<GpmMetric, Double> gpm) {
        this(identity, up, values, gpm, Map.of());
    }

    /** A reading without GPM metrics. */
    public GpuReading(GpuIdentity identity, boolean up, Map<GpuField, Long> values) {
        this(identity, up, values, Map.of(), Map.of());
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

    /** One NVLink error counter summed over the links that report it; empty where none does. */
    public OptionalLong nvlinkErrorsTotal(NvLinkError counter) {
        long sum = 0;
        boolean any = false;
        for (Map<NvLinkError, Long> link : nvlinkErrors.values()) {
            Long v = link.get(counter);
            if (v != null) {
                sum += v;
                any = true;
            }
        }
        return any ? OptionalLong.of(sum) : OptionalLong.empty();
    }
}
