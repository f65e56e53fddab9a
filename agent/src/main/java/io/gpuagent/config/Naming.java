package io.gpuagent.config;

import java.util.Locale;

/** Which metric names, units and labels the exporter renders. */
public enum Naming {
    /** The agent's own families ({@code gpu_utilization_ratio}, base units). */
    NATIVE,
    /** dcgm-exporter's names, units and labels ({@code DCGM_FI_DEV_GPU_UTIL}), for existing dashboards. */
    DCGM;

    /**
     * Reads {@code native} or {@code dcgm}, any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Naming parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "native" -> NATIVE;
            case "dcgm" -> DCGM;
            default -> throw new IllegalArgumentException("\"" + text + "\" is not one of native, dcgm");
        };
    }

    /** The spelling {@link #parse} reads back. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
