package io.gpuagent.nvml;

import io.gpuagent.nvml.raw.nvml_h;

/**
 * The NVML GPM metrics the agent reads (Hopper and newer), in NVML's units: activities in percent of
 * the interval (0.0 to 100.0), PCIe and NVLink traffic in MiB/s.
 */
public enum GpmMetric {
    /** NVML_GPM_METRIC_GRAPHICS_UTIL: time any graphics or compute engine was active, percent */
    GRAPHICS_ACTIVITY(nvml_h.NVML_GPM_METRIC_GRAPHICS_UTIL()),
    /** NVML_GPM_METRIC_SM_UTIL: SMs busy, percent */
    SM_ACTIVITY(nvml_h.NVML_GPM_METRIC_SM_UTIL()),
    /** NVML_GPM_METRIC_SM_OCCUPANCY: resident warps of the theoretical maximum, percent */
    SM_OCCUPANCY(nvml_h.NVML_GPM_METRIC_SM_OCCUPANCY()),
    /** NVML_GPM_METRIC_ANY_TENSOR_UTIL: time the SMs ran any tensor operation, percent */
    TENSOR_ACTIVITY(nvml_h.NVML_GPM_METRIC_ANY_TENSOR_UTIL()),
    /** NVML_GPM_METRIC_DRAM_BW_UTIL: DRAM bandwidth used of the theoretical maximum, percent */
    DRAM_ACTIVITY(nvml_h.NVML_GPM_METRIC_DRAM_BW_UTIL()),
    /** NVML_GPM_METRIC_PCIE_TX_PER_SEC: PCIe traffic from the GPU, MiB/s */
    PCIE_TX(nvml_h.NVML_GPM_METRIC_PCIE_TX_PER_SEC()),
    /** NVML_GPM_METRIC_PCIE_RX_PER_SEC: PCIe traffic to the GPU, MiB/s */
    PCIE_RX(nvml_h.NVML_GPM_METRIC_PCIE_RX_PER_SEC()),
    /** NVML_GPM_METRIC_NVLINK_TOTAL_TX_PER_SEC: NVLink write bandwidth over all links, MiB/s */
    NVLINK_TX(nvml_h.NVML_GPM_METRIC_NVLINK_TOTAL_TX_PER_SEC()),
    /** NVML_GPM_METRIC_NVLINK_TOTAL_RX_PER_SEC: NVLink read bandwidth over all links, MiB/s */
    NVLINK_RX(nvml_h.NVML_GPM_METRIC_NVLINK_TOTAL_RX_PER_SEC());

    /** NVML's metric id ({@code nvmlGpmMetricId_t}). */
    public final int id;

    GpmMetric(int id) {
        this.id = id;
    }
}
