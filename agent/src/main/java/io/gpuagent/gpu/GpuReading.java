package io.gpuagent.gpu;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.FieldValues;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One GPU in one collection: the values of the catalog's {@link DeviceField}s it reported, in NVML's units
 * (GPM over the interval since the previous collection: none at the first). {@code up} is false when the GPU
 * stopped answering (e.g. GPU_IS_LOST); then it has no values and only identity and {@code gpu_up 0} are
 * exported.
 */
public record GpuReading(GpuIdentity identity, boolean up, FieldValues values) {

    public GpuReading {
        Objects.requireNonNull(identity);
        Objects.requireNonNull(values);
    }

    /** A GPU that did not answer this collection. */
    public static GpuReading down(GpuIdentity identity) {
        return new GpuReading(identity, false, FieldValues.EMPTY);
    }

    /** An integer field's raw value; empty where the GPU did not report it. */
    public OptionalLong value(DeviceField field) {
        return values.get(field);
    }
}
