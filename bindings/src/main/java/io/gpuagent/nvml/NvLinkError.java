package io.gpuagent.nvml;

import io.gpuagent.nvml.raw.nvml_h;

/** The NVLink data-link error counters ({@code nvmlNvLinkErrorCounter_t}) the agent reads per link. */
public enum NvLinkError {
    /** receive flow-control digit CRC errors */
    CRC_FLIT(nvml_h.NVML_NVLINK_ERROR_DL_CRC_FLIT()),
    /** receive data CRC errors */
    CRC_DATA(nvml_h.NVML_NVLINK_ERROR_DL_CRC_DATA()),
    /** transmit replays */
    REPLAY(nvml_h.NVML_NVLINK_ERROR_DL_REPLAY()),
    /** transmit recoveries */
    RECOVERY(nvml_h.NVML_NVLINK_ERROR_DL_RECOVERY());

    final int value;

    NvLinkError(int value) {
        this.value = value;
    }
}
