package io.gpuagent.catalog;

import io.gpuagent.nvml.GpuDevice;

/**
 * A per-device index some rows are read along, as a native label: which indices a device has is asked once
 * per NVML session (a board's fans and active NVLinks do not change while the driver is loaded).
 */
public enum Dimension {
    /** one value per device */
    NONE(1, null),
    /** fans 0 to 3 (boards have at most three), from {@code nvmlDeviceGetNumFans} */
    FAN(4, "fan"),
    /** the NVLinks active when the session began, from {@code nvmlDeviceGetNvLinkState} */
    NVLINK(GpuDevice.maxNvLinks(), "link");

    private final int size;
    private final String label;
    private final String[] values;

    Dimension(int size, String label) {
        this.size = size;
        this.label = label;
        this.values = new String[size];
        for (int i = 0; i < size; i++) {
            values[i] = Integer.toString(i);
        }
    }

    /** Indices 0 to size - 1. */
    public int size() {
        return size;
    }

    /** The native label of the index; null for {@link #NONE}. */
    public String label() {
        return label;
    }

    /** The label value of index {@code i}. */
    public String value(int i) {
        return values[i];
    }
}
