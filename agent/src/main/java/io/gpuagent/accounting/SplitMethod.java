package io.gpuagent.accounting;

/**
 * What a GPU's active energy is split by, as the {@code active_by} label of {@code gpu_energy_split_info} says. In an
 * interval where that signal shows no activity at all, the active part is split like the idle part (by allocation).
 */
public enum SplitMethod {
    /** Each container's SM utilization from NVML's per-process samples (a whole GPU). */
    PROCESS_SAMPLES("process_samples"),
    /** Each MIG instance's GPM SM activity times its slices (Hopper and newer), then its processes equally. */
    GPM_SM_ACTIVITY("gpm_sm_activity"),
    /** Each MIG instance's slices, for instances running a process (no per-instance activity from NVML), then its processes equally. */
    MIG_SLICES("mig_slices"),
    /** No activity signal: by allocation, like the idle part. */
    ALLOCATION("allocation");

    private final String label;

    SplitMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
