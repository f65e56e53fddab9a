package io.gpuagent.nvml;

import io.gpuagent.nvml.raw.nvml_h;
import java.lang.foreign.MemorySegment;

/** Return-code handling shared by the safe layer. */
final class Calls {

    private Calls() {
    }

    /** Throws unless {@code rc} is NVML_SUCCESS. */
    static void check(String function, int rc) {
        if (rc != nvml_h.NVML_SUCCESS()) {
            throw new NvmlException(function, rc, errorString(rc));
        }
    }

    /**
     * True on success, false when the value is not supported on this device (the series is then
     * absent); any other answer throws.
     */
    static boolean supported(String function, int rc) {
        if (rc == nvml_h.NVML_SUCCESS()) {
            return true;
        }
        if (rc == nvml_h.NVML_ERROR_NOT_SUPPORTED() || rc == nvml_h.NVML_ERROR_FUNCTION_NOT_FOUND()) {
            return false;
        }
        throw new NvmlException(function, rc, errorString(rc));
    }

    /** NVML's own text for a code; works before nvmlInit. */
    static String errorString(int rc) {
        try {
            MemorySegment s = nvml_h.nvmlErrorString(rc);
            if (s.equals(MemorySegment.NULL)) {
                return "error " + rc;
            }
            return s.reinterpret(256).getString(0);
        } catch (UnsatisfiedLinkError e) {
            return NvmlReturn.of(rc).name();
        }
    }

    /** A C string out of a fixed-size buffer. */
    static String string(MemorySegment buffer) {
        return buffer.getString(0);
    }
}
