package io.gpuagent.catalog;

/**
 * A native ({@code gpu_*}) metric family: one catalog row, or several rows that each give one value of its
 * {@code label} (e.g. {@code gpu_clock_hertz} with {@code clock} = {@code sm} or {@code memory}).
 *
 * @param name the exposition name, without {@code _total} for a counter
 * @param unit the Prometheus unit ({@code ratio}, {@code bytes}, ...), or null for none
 * @param label the label the rows of a shared family set, or null
 */
public record NativeFamily(String name, String help, String unit, boolean counter, String label) {

    public static NativeFamily gauge(String name, String help, String unit) {
        return new NativeFamily(name, help, unit, false, null);
    }

    public static NativeFamily counter(String name, String help, String unit) {
        return new NativeFamily(name, help, unit, true, null);
    }

    /** The same family, its rows told apart by {@code label}. */
    public NativeFamily by(String label) {
        return new NativeFamily(name, help, unit, counter, label);
    }

    /** One row's share of this family: its label value and its conversion from NVML's unit. */
    public Native part(String labelValue, Scale scale) {
        if (label == null) {
            throw new IllegalStateException(name + " has no label to tell its rows apart");
        }
        return new Native(this, labelValue, scale, false);
    }
}
