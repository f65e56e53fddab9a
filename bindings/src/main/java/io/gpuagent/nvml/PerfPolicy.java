package io.gpuagent.nvml;

import io.gpuagent.nvml.raw.nvml_h;

/** The {@code nvmlPerfPolicyType_t} limiters whose violation (throttle) time NVML counts. */
public enum PerfPolicy {
    POWER(nvml_h.NVML_PERF_POLICY_POWER()),
    THERMAL(nvml_h.NVML_PERF_POLICY_THERMAL()),
    SYNC_BOOST(nvml_h.NVML_PERF_POLICY_SYNC_BOOST()),
    BOARD_LIMIT(nvml_h.NVML_PERF_POLICY_BOARD_LIMIT()),
    LOW_UTILIZATION(nvml_h.NVML_PERF_POLICY_LOW_UTILIZATION()),
    RELIABILITY(nvml_h.NVML_PERF_POLICY_RELIABILITY());

    final int value;

    PerfPolicy(int value) {
        this.value = value;
    }
}
