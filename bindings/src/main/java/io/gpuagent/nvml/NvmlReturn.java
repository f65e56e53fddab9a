package io.gpuagent.nvml;

/**
 * {@code nvmlReturn_t}. Codes added by drivers newer than the header we bind map to {@link #UNRECOGNIZED};
 * the numeric code is kept in {@link NvmlException#code()}.
 */
public enum NvmlReturn {
    SUCCESS(0),
    UNINITIALIZED(1),
    INVALID_ARGUMENT(2),
    NOT_SUPPORTED(3),
    NO_PERMISSION(4),
    ALREADY_INITIALIZED(5),
    NOT_FOUND(6),
    INSUFFICIENT_SIZE(7),
    INSUFFICIENT_POWER(8),
    DRIVER_NOT_LOADED(9),
    TIMEOUT(10),
    IRQ_ISSUE(11),
    LIBRARY_NOT_FOUND(12),
    FUNCTION_NOT_FOUND(13),
    CORRUPTED_INFOROM(14),
    GPU_IS_LOST(15),
    RESET_REQUIRED(16),
    OPERATING_SYSTEM(17),
    LIB_RM_VERSION_MISMATCH(18),
    IN_USE(19),
    MEMORY(20),
    NO_DATA(21),
    VGPU_ECC_NOT_SUPPORTED(22),
    INSUFFICIENT_RESOURCES(23),
    FREQ_NOT_SUPPORTED(24),
    ARGUMENT_VERSION_MISMATCH(25),
    UNKNOWN(999),
    /** A code this build does not know (a newer driver's). */
    UNRECOGNIZED(-1);

    private final int code;

    NvmlReturn(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static NvmlReturn of(int code) {
        if (code >= 0 && code <= 25) {
            return values()[code];
        }
        return code == 999 ? UNKNOWN : UNRECOGNIZED;
    }

    /** The GPU does not answer at all any more; the rest of its readings are pointless. */
    public boolean isDeviceGone() {
        return this == GPU_IS_LOST || this == RESET_REQUIRED;
    }
}
