package io.gpuagent.catalog;

/**
 * How a catalog row shows in native naming.
 *
 * @param labelValue the row's value of its family's label, or null when the family is the row's alone
 * @param scale from NVML's unit to the family's
 * @param reasonBits the raw value is a mask of {@link io.gpuagent.nvml.ClockEventReason} bits: one 0/1 series
 *     per reason, under the family's label, instead of the value
 */
public record Native(NativeFamily family, String labelValue, Scale scale, boolean reasonBits) {

    public static Native gauge(String name, String help, String unit, Scale scale) {
        return new Native(NativeFamily.gauge(name, help, unit), null, scale, false);
    }

    public static Native counter(String name, String help, String unit, Scale scale) {
        return new Native(NativeFamily.counter(name, help, unit), null, scale, false);
    }

    /** A gauge with one 0/1 series per clock event reason, labelled {@code label} (the reason in lower case). */
    public static Native reasonBits(String name, String help, String label) {
        return new Native(NativeFamily.gauge(name, help, null).by(label), null, Scale.AS_IS, true);
    }
}
