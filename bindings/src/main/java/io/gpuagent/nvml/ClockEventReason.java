package io.gpuagent.nvml;

import io.gpuagent.nvml.raw.nvml_h;

/**
 * The clock event (throttle) reasons of {@code nvmlDeviceGetCurrentClocksThrottleReasons}: each a bit of the
 * mask it returns. Bits a newer driver adds are not listed and are ignored by {@link #isSet}.
 */
public enum ClockEventReason {
    GPU_IDLE(nvml_h.nvmlClocksThrottleReasonGpuIdle()),
    APPLICATIONS_CLOCKS_SETTING(nvml_h.nvmlClocksThrottleReasonApplicationsClocksSetting()),
    SW_POWER_CAP(nvml_h.nvmlClocksThrottleReasonSwPowerCap()),
    HW_SLOWDOWN(nvml_h.nvmlClocksThrottleReasonHwSlowdown()),
    SYNC_BOOST(nvml_h.nvmlClocksThrottleReasonSyncBoost()),
    SW_THERMAL(nvml_h.nvmlClocksThrottleReasonSwThermalSlowdown()),
    HW_THERMAL(nvml_h.nvmlClocksThrottleReasonHwThermalSlowdown()),
    HW_POWER_BRAKE(nvml_h.nvmlClocksThrottleReasonHwPowerBrakeSlowdown()),
    DISPLAY_CLOCK_SETTING(nvml_h.nvmlClocksThrottleReasonDisplayClockSetting());

    private final long bit;

    ClockEventReason(long bit) {
        this.bit = bit;
    }

    /** The reason's bit in NVML's mask. */
    public long bit() {
        return bit;
    }

    /** Whether {@code mask} (as NVML returns it) has this reason's bit set. */
    public boolean isSet(long mask) {
        return (mask & bit) != 0;
    }
}
