package io.gpuagent.gpu;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.FieldValues;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One MIG instance in one collection: the catalog fields MIG handles answer ({@link DeviceField#mig()}:
 * memory from NVML, and the GPM metrics of the instance's GPU instance, which its compute instances share).
 */
public record MigReading(MigIdentity identity, FieldValues values) {

    public MigReading {
        Objects.requireNonNull(identity);
        Objects.requireNonNull(values);
    }

    /** An integer field's raw value; empty where the instance did not report it. */
    public OptionalLong value(DeviceField field) {
        return values.get(field);
    }
}
