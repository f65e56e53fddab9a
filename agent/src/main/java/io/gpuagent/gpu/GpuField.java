package io.gpuagent.gpu;

/**
 * What one collection reads of a device, in NVML's own units (the naming schemes convert). A field
 * the device does not support is absent from a reading, never 0.
 */
public enum GpuField {
    /** percent of the sample period a kernel ran */
    UTILIZATION_GPU,
    /** percent of the sample period device memory was read or written */
    UTILIZATION_MEMORY,
    /** bytes */
    MEMORY_TOTAL,
    /** bytes (v2: excludes reserved) */
    MEMORY_USED,
    /** bytes */
    MEMORY_FREE,
    /** bytes (v2 only) */
    MEMORY_RESERVED,
    /** °C */
    TEMPERATURE,
    /** milliwatts */
    POWER_USAGE,
    /** milliwatts */
    POWER_LIMIT,
    /** millijoules since driver load */
    ENERGY,
    /** MHz */
    CLOCK_SM,
    /** MHz */
    CLOCK_MEMORY,
    /** P-state number */
    PERFORMANCE_STATE,
    /** bitmask of nvmlClocksThrottleReason* */
    CLOCK_EVENT_REASONS,
    /** percent */
    ENCODER_UTILIZATION,
    /** percent */
    DECODER_UTILIZATION,
    /** KB/s */
    PCIE_TX,
    /** KB/s */
    PCIE_RX,
    /** count */
    PCIE_REPLAYS,
    /** count, aggregate */
    ECC_CORRECTED,
    /** count, aggregate */
    ECC_UNCORRECTED,
    /** 1 or 0 */
    MIG_MODE,
    /** rows remapped because of correctable errors (Ampere+) */
    REMAPPED_ROWS_CORRECTABLE,
    /** rows remapped because of uncorrectable errors (Ampere+) */
    REMAPPED_ROWS_UNCORRECTABLE,
    /** 1 while a row remapping waits for a GPU reset */
    REMAPPED_ROWS_PENDING,
    /** 1 once a row remapping has failed */
    REMAPPED_ROWS_FAILURE,
    /** ns below application clocks because of the power limit, since driver load */
    VIOLATION_POWER,
    /** ns, thermal limit */
    VIOLATION_THERMAL,
    /** ns, sync boost */
    VIOLATION_SYNC_BOOST,
    /** ns, board limit */
    VIOLATION_BOARD_LIMIT,
    /** ns, low utilization */
    VIOLATION_LOW_UTILIZATION,
    /** ns, board reliability limit */
    VIOLATION_RELIABILITY,
    /** percent of the fan's maximum (may exceed 100); fans 0 to 3 (the first four: boards have at most three) */
    FAN_SPEED_0,
    /** percent, fan 1 */
    FAN_SPEED_1,
    /** percent, fan 2 */
    FAN_SPEED_2,
    /** percent, fan 3 */
    FAN_SPEED_3,
    /** °C, device memory (HBM) */
    MEMORY_TEMPERATURE,
    /** pages retired for multiple single-bit ECC errors (before Ampere) */
    RETIRED_PAGES_SINGLE_BIT,
    /** pages retired for a double-bit ECC error (before Ampere) */
    RETIRED_PAGES_DOUBLE_BIT,
    /** 1 while pages wait to be retired at the next driver reload */
    RETIRED_PAGES_PENDING,
    /** the XID of the driver's most recent XID event on this GPU since the agent started watching; absent before one */
    LAST_XID
}
