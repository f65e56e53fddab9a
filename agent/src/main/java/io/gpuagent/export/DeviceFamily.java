package io.gpuagent.export;

import io.gpuagent.gpu.GpuField;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A device metric family declared as data: its name, help, unit and type, and the reading fields it is
 * made of. A part adds one label (e.g. {@code clock="sm"}) and converts NVML's unit to the family's.
 *
 * @param name the exposition name without {@code _total} for counters
 * @param mig whether MIG instance readings contribute series too
 */
record DeviceFamily(String name, String help, Unit unit, boolean counter, boolean mig, List<Part> parts) {

    record Part(GpuField field, String labelName, String labelValue, DoubleUnaryOperator convert) {
    }

    static DeviceFamily gauge(String name, String help, Unit unit, GpuField field, DoubleUnaryOperator convert) {
        return new DeviceFamily(name, help, unit, false, false, List.of(new Part(field, null, null, convert)));
    }

    static DeviceFamily counter(String name, String help, Unit unit, GpuField field, DoubleUnaryOperator convert) {
        return new DeviceFamily(name, help, unit, true, false, List.of(new Part(field, null, null, convert)));
    }

    DeviceFamily withMig() {
        return new DeviceFamily(name, help, unit, counter, true, parts);
    }

    static Part part(GpuField field, String labelName, String labelValue, DoubleUnaryOperator convert) {
        return new Part(field, labelName, labelValue, convert);
    }
}
