// Generated in the shape of jextract 22 output from nvml.h (driver 535); see bindings/src/main/jextract/nvml.args.
// Do not edit by hand: fixes belong in the safe layer (io.gpuagent.nvml).

package io.gpuagent.nvml.raw;

import java.lang.foreign.*;
import java.lang.invoke.*;
import java.util.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

public class nvml_h {

    nvml_h() {
        // Should not be called directly
    }

    static final Arena LIBRARY_ARENA = Arena.ofAuto();
    static final boolean TRACE_DOWNCALLS = Boolean.getBoolean("jextract.trace.downcalls");

    static void traceDowncall(String name, Object... args) {
         String traceArgs = Arrays.stream(args)
                       .map(Object::toString)
                       .collect(Collectors.joining(", "));
         System.out.printf("%s(%s)\n", name, traceArgs);
    }

    static MemorySegment findOrThrow(String symbol) {
        return SYMBOL_LOOKUP.find(symbol)
            .orElseThrow(() -> new UnsatisfiedLinkError("unresolved symbol: " + symbol));
    }

    static MethodHandle upcallHandle(Class<?> fi, String name, FunctionDescriptor fdesc) {
        try {
            return MethodHandles.lookup().findVirtual(fi, name, fdesc.toMethodType());
        } catch (ReflectiveOperationException ex) {
            throw new AssertionError(ex);
        }
    }

    static MemoryLayout align(MemoryLayout layout, long align) {
        return switch (layout) {
            case PaddingLayout p -> p;
            case ValueLayout v -> v.withByteAlignment(align);
            case GroupLayout g -> {
                MemoryLayout[] alignedMembers = g.memberLayouts().stream()
                        .map(m -> align(m, align)).toArray(MemoryLayout[]::new);
                yield g instanceof StructLayout ?
                        MemoryLayout.structLayout(alignedMembers) : MemoryLayout.unionLayout(alignedMembers);
            }
            case SequenceLayout s -> MemoryLayout.sequenceLayout(s.elementCount(), align(s.elementLayout(), align));
        };
    }

    // jextract emits libraryLookup(--library) here; the library is chosen at run time instead (nvml_h$library).
    static final SymbolLookup SYMBOL_LOOKUP = name -> nvml_h$library.current().find(name);

    public static final ValueLayout.OfBoolean C_BOOL = ValueLayout.JAVA_BOOLEAN;
    public static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfShort C_SHORT = ValueLayout.JAVA_SHORT;
    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_LONG_LONG = ValueLayout.JAVA_LONG;
    public static final ValueLayout.OfFloat C_FLOAT = ValueLayout.JAVA_FLOAT;
    public static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
            .withTargetLayout(MemoryLayout.sequenceLayout(java.lang.Long.MAX_VALUE, JAVA_BYTE));
    public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
    private static final int NVML_SUCCESS = (int)0L;
    /**
     * {@snippet lang=c : NVML_SUCCESS = 0 }
     */
    public static int NVML_SUCCESS() {
        return NVML_SUCCESS;
    }
    private static final int NVML_ERROR_UNINITIALIZED = (int)1L;
    /**
     * {@snippet lang=c : NVML_ERROR_UNINITIALIZED = 1 }
     */
    public static int NVML_ERROR_UNINITIALIZED() {
        return NVML_ERROR_UNINITIALIZED;
    }
    private static final int NVML_ERROR_INVALID_ARGUMENT = (int)2L;
    /**
     * {@snippet lang=c : NVML_ERROR_INVALID_ARGUMENT = 2 }
     */
    public static int NVML_ERROR_INVALID_ARGUMENT() {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    private static final int NVML_ERROR_NOT_SUPPORTED = (int)3L;
    /**
     * {@snippet lang=c : NVML_ERROR_NOT_SUPPORTED = 3 }
     */
    public static int NVML_ERROR_NOT_SUPPORTED() {
        return NVML_ERROR_NOT_SUPPORTED;
    }
    private static final int NVML_ERROR_NO_PERMISSION = (int)4L;
    /**
     * {@snippet lang=c : NVML_ERROR_NO_PERMISSION = 4 }
     */
    public static int NVML_ERROR_NO_PERMISSION() {
        return NVML_ERROR_NO_PERMISSION;
    }
    private static final int NVML_ERROR_ALREADY_INITIALIZED = (int)5L;
    /**
     * {@snippet lang=c : NVML_ERROR_ALREADY_INITIALIZED = 5 }
     */
    public static int NVML_ERROR_ALREADY_INITIALIZED() {
        return NVML_ERROR_ALREADY_INITIALIZED;
    }
    private static final int NVML_ERROR_NOT_FOUND = (int)6L;
    /**
     * {@snippet lang=c : NVML_ERROR_NOT_FOUND = 6 }
     */
    public static int NVML_ERROR_NOT_FOUND() {
        return NVML_ERROR_NOT_FOUND;
    }
    private static final int NVML_ERROR_INSUFFICIENT_SIZE = (int)7L;
    /**
     * {@snippet lang=c : NVML_ERROR_INSUFFICIENT_SIZE = 7 }
     */
    public static int NVML_ERROR_INSUFFICIENT_SIZE() {
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    private static final int NVML_ERROR_INSUFFICIENT_POWER = (int)8L;
    /**
     * {@snippet lang=c : NVML_ERROR_INSUFFICIENT_POWER = 8 }
     */
    public static int NVML_ERROR_INSUFFICIENT_POWER() {
        return NVML_ERROR_INSUFFICIENT_POWER;
    }
    private static final int NVML_ERROR_DRIVER_NOT_LOADED = (int)9L;
    /**
     * {@snippet lang=c : NVML_ERROR_DRIVER_NOT_LOADED = 9 }
     */
    public static int NVML_ERROR_DRIVER_NOT_LOADED() {
        return NVML_ERROR_DRIVER_NOT_LOADED;
    }
    private static final int NVML_ERROR_TIMEOUT = (int)10L;
    /**
     * {@snippet lang=c : NVML_ERROR_TIMEOUT = 10 }
     */
    public static int NVML_ERROR_TIMEOUT() {
        return NVML_ERROR_TIMEOUT;
    }
    private static final int NVML_ERROR_IRQ_ISSUE = (int)11L;
    /**
     * {@snippet lang=c : NVML_ERROR_IRQ_ISSUE = 11 }
     */
    public static int NVML_ERROR_IRQ_ISSUE() {
        return NVML_ERROR_IRQ_ISSUE;
    }
    private static final int NVML_ERROR_LIBRARY_NOT_FOUND = (int)12L;
    /**
     * {@snippet lang=c : NVML_ERROR_LIBRARY_NOT_FOUND = 12 }
     */
    public static int NVML_ERROR_LIBRARY_NOT_FOUND() {
        return NVML_ERROR_LIBRARY_NOT_FOUND;
    }
    private static final int NVML_ERROR_FUNCTION_NOT_FOUND = (int)13L;
    /**
     * {@snippet lang=c : NVML_ERROR_FUNCTION_NOT_FOUND = 13 }
     */
    public static int NVML_ERROR_FUNCTION_NOT_FOUND() {
        return NVML_ERROR_FUNCTION_NOT_FOUND;
    }
    private static final int NVML_ERROR_CORRUPTED_INFOROM = (int)14L;
    /**
     * {@snippet lang=c : NVML_ERROR_CORRUPTED_INFOROM = 14 }
     */
    public static int NVML_ERROR_CORRUPTED_INFOROM() {
        return NVML_ERROR_CORRUPTED_INFOROM;
    }
    private static final int NVML_ERROR_GPU_IS_LOST = (int)15L;
    /**
     * {@snippet lang=c : NVML_ERROR_GPU_IS_LOST = 15 }
     */
    public static int NVML_ERROR_GPU_IS_LOST() {
        return NVML_ERROR_GPU_IS_LOST;
    }
    private static final int NVML_ERROR_RESET_REQUIRED = (int)16L;
    /**
     * {@snippet lang=c : NVML_ERROR_RESET_REQUIRED = 16 }
     */
    public static int NVML_ERROR_RESET_REQUIRED() {
        return NVML_ERROR_RESET_REQUIRED;
    }
    private static final int NVML_ERROR_OPERATING_SYSTEM = (int)17L;
    /**
     * {@snippet lang=c : NVML_ERROR_OPERATING_SYSTEM = 17 }
     */
    public static int NVML_ERROR_OPERATING_SYSTEM() {
        return NVML_ERROR_OPERATING_SYSTEM;
    }
    private static final int NVML_ERROR_LIB_RM_VERSION_MISMATCH = (int)18L;
    /**
     * {@snippet lang=c : NVML_ERROR_LIB_RM_VERSION_MISMATCH = 18 }
     */
    public static int NVML_ERROR_LIB_RM_VERSION_MISMATCH() {
        return NVML_ERROR_LIB_RM_VERSION_MISMATCH;
    }
    private static final int NVML_ERROR_IN_USE = (int)19L;
    /**
     * {@snippet lang=c : NVML_ERROR_IN_USE = 19 }
     */
    public static int NVML_ERROR_IN_USE() {
        return NVML_ERROR_IN_USE;
    }
    private static final int NVML_ERROR_MEMORY = (int)20L;
    /**
     * {@snippet lang=c : NVML_ERROR_MEMORY = 20 }
     */
    public static int NVML_ERROR_MEMORY() {
        return NVML_ERROR_MEMORY;
    }
    private static final int NVML_ERROR_NO_DATA = (int)21L;
    /**
     * {@snippet lang=c : NVML_ERROR_NO_DATA = 21 }
     */
    public static int NVML_ERROR_NO_DATA() {
        return NVML_ERROR_NO_DATA;
    }
    private static final int NVML_ERROR_VGPU_ECC_NOT_SUPPORTED = (int)22L;
    /**
     * {@snippet lang=c : NVML_ERROR_VGPU_ECC_NOT_SUPPORTED = 22 }
     */
    public static int NVML_ERROR_VGPU_ECC_NOT_SUPPORTED() {
        return NVML_ERROR_VGPU_ECC_NOT_SUPPORTED;
    }
    private static final int NVML_ERROR_INSUFFICIENT_RESOURCES = (int)23L;
    /**
     * {@snippet lang=c : NVML_ERROR_INSUFFICIENT_RESOURCES = 23 }
     */
    public static int NVML_ERROR_INSUFFICIENT_RESOURCES() {
        return NVML_ERROR_INSUFFICIENT_RESOURCES;
    }
    private static final int NVML_ERROR_FREQ_NOT_SUPPORTED = (int)24L;
    /**
     * {@snippet lang=c : NVML_ERROR_FREQ_NOT_SUPPORTED = 24 }
     */
    public static int NVML_ERROR_FREQ_NOT_SUPPORTED() {
        return NVML_ERROR_FREQ_NOT_SUPPORTED;
    }
    private static final int NVML_ERROR_ARGUMENT_VERSION_MISMATCH = (int)25L;
    /**
     * {@snippet lang=c : NVML_ERROR_ARGUMENT_VERSION_MISMATCH = 25 }
     */
    public static int NVML_ERROR_ARGUMENT_VERSION_MISMATCH() {
        return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
    }
    private static final int NVML_ERROR_UNKNOWN = (int)999L;
    /**
     * {@snippet lang=c : NVML_ERROR_UNKNOWN = 999 }
     */
    public static int NVML_ERROR_UNKNOWN() {
        return NVML_ERROR_UNKNOWN;
    }
    private static final int NVML_TEMPERATURE_GPU = (int)0L;
    /**
     * {@snippet lang=c : NVML_TEMPERATURE_GPU = 0 }
     */
    public static int NVML_TEMPERATURE_GPU() {
        return NVML_TEMPERATURE_GPU;
    }
    private static final int NVML_CLOCK_GRAPHICS = (int)0L;
    /**
     * {@snippet lang=c : NVML_CLOCK_GRAPHICS = 0 }
     */
    public static int NVML_CLOCK_GRAPHICS() {
        return NVML_CLOCK_GRAPHICS;
    }
    private static final int NVML_CLOCK_SM = (int)1L;
    /**
     * {@snippet lang=c : NVML_CLOCK_SM = 1 }
     */
    public static int NVML_CLOCK_SM() {
        return NVML_CLOCK_SM;
    }
    private static final int NVML_CLOCK_MEM = (int)2L;
    /**
     * {@snippet lang=c : NVML_CLOCK_MEM = 2 }
     */
    public static int NVML_CLOCK_MEM() {
        return NVML_CLOCK_MEM;
    }
    private static final int NVML_CLOCK_VIDEO = (int)3L;
    /**
     * {@snippet lang=c : NVML_CLOCK_VIDEO = 3 }
     */
    public static int NVML_CLOCK_VIDEO() {
        return NVML_CLOCK_VIDEO;
    }
    private static final int NVML_PCIE_UTIL_TX_BYTES = (int)0L;
    /**
     * {@snippet lang=c : NVML_PCIE_UTIL_TX_BYTES = 0 }
     */
    public static int NVML_PCIE_UTIL_TX_BYTES() {
        return NVML_PCIE_UTIL_TX_BYTES;
    }
    private static final int NVML_PCIE_UTIL_RX_BYTES = (int)1L;
    /**
     * {@snippet lang=c : NVML_PCIE_UTIL_RX_BYTES = 1 }
     */
    public static int NVML_PCIE_UTIL_RX_BYTES() {
        return NVML_PCIE_UTIL_RX_BYTES;
    }
    private static final int NVML_MEMORY_ERROR_TYPE_CORRECTED = (int)0L;
    /**
     * {@snippet lang=c : NVML_MEMORY_ERROR_TYPE_CORRECTED = 0 }
     */
    public static int NVML_MEMORY_ERROR_TYPE_CORRECTED() {
        return NVML_MEMORY_ERROR_TYPE_CORRECTED;
    }
    private static final int NVML_MEMORY_ERROR_TYPE_UNCORRECTED = (int)1L;
    /**
     * {@snippet lang=c : NVML_MEMORY_ERROR_TYPE_UNCORRECTED = 1 }
     */
    public static int NVML_MEMORY_ERROR_TYPE_UNCORRECTED() {
        return NVML_MEMORY_ERROR_TYPE_UNCORRECTED;
    }
    private static final int NVML_VOLATILE_ECC = (int)0L;
    /**
     * {@snippet lang=c : NVML_VOLATILE_ECC = 0 }
     */
    public static int NVML_VOLATILE_ECC() {
        return NVML_VOLATILE_ECC;
    }
    private static final int NVML_AGGREGATE_ECC = (int)1L;
    /**
     * {@snippet lang=c : NVML_AGGREGATE_ECC = 1 }
     */
    public static int NVML_AGGREGATE_ECC() {
        return NVML_AGGREGATE_ECC;
    }
    private static final int NVML_NVLINK_ERROR_DL_REPLAY = (int)0L;
    /**
     * {@snippet lang=c : NVML_NVLINK_ERROR_DL_REPLAY = 0 }
     */
    public static int NVML_NVLINK_ERROR_DL_REPLAY() {
        return NVML_NVLINK_ERROR_DL_REPLAY;
    }
    private static final int NVML_NVLINK_ERROR_DL_RECOVERY = (int)1L;
    /**
     * {@snippet lang=c : NVML_NVLINK_ERROR_DL_RECOVERY = 1 }
     */
    public static int NVML_NVLINK_ERROR_DL_RECOVERY() {
        return NVML_NVLINK_ERROR_DL_RECOVERY;
    }
    private static final int NVML_NVLINK_ERROR_DL_CRC_FLIT = (int)2L;
    /**
     * {@snippet lang=c : NVML_NVLINK_ERROR_DL_CRC_FLIT = 2 }
     */
    public static int NVML_NVLINK_ERROR_DL_CRC_FLIT() {
        return NVML_NVLINK_ERROR_DL_CRC_FLIT;
    }
    private static final int NVML_NVLINK_ERROR_DL_CRC_DATA = (int)3L;
    /**
     * {@snippet lang=c : NVML_NVLINK_ERROR_DL_CRC_DATA = 3 }
     */
    public static int NVML_NVLINK_ERROR_DL_CRC_DATA() {
        return NVML_NVLINK_ERROR_DL_CRC_DATA;
    }
    private static final int NVML_NVLINK_MAX_LINKS = (int)18L;
    /**
     * {@snippet lang=c : #define NVML_NVLINK_MAX_LINKS 18 }
     */
    public static int NVML_NVLINK_MAX_LINKS() {
        return NVML_NVLINK_MAX_LINKS;
    }
    private static final int NVML_FEATURE_DISABLED = (int)0L;
    /**
     * {@snippet lang=c : NVML_FEATURE_DISABLED = 0 }
     */
    public static int NVML_FEATURE_DISABLED() {
        return NVML_FEATURE_DISABLED;
    }
    private static final int NVML_FEATURE_ENABLED = (int)1L;
    /**
     * {@snippet lang=c : NVML_FEATURE_ENABLED = 1 }
     */
    public static int NVML_FEATURE_ENABLED() {
        return NVML_FEATURE_ENABLED;
    }
    private static final int NVML_PAGE_RETIREMENT_CAUSE_MULTIPLE_SINGLE_BIT_ECC_ERRORS = (int)0L;
    /**
     * {@snippet lang=c : NVML_PAGE_RETIREMENT_CAUSE_MULTIPLE_SINGLE_BIT_ECC_ERRORS = 0 }
     */
    public static int NVML_PAGE_RETIREMENT_CAUSE_MULTIPLE_SINGLE_BIT_ECC_ERRORS() {
        return NVML_PAGE_RETIREMENT_CAUSE_MULTIPLE_SINGLE_BIT_ECC_ERRORS;
    }
    private static final int NVML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR = (int)1L;
    /**
     * {@snippet lang=c : NVML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR = 1 }
     */
    public static int NVML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR() {
        return NVML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR;
    }
    private static final int NVML_VALUE_TYPE_DOUBLE = (int)0L;
    /**
     * {@snippet lang=c : NVML_VALUE_TYPE_DOUBLE = 0 }
     */
    public static int NVML_VALUE_TYPE_DOUBLE() {
        return NVML_VALUE_TYPE_DOUBLE;
    }
    private static final int NVML_VALUE_TYPE_UNSIGNED_INT = (int)1L;
    /**
     * {@snippet lang=c : NVML_VALUE_TYPE_UNSIGNED_INT = 1 }
     */
    public static int NVML_VALUE_TYPE_UNSIGNED_INT() {
        return NVML_VALUE_TYPE_UNSIGNED_INT;
    }
    private static final int NVML_VALUE_TYPE_UNSIGNED_LONG = (int)2L;
    /**
     * {@snippet lang=c : NVML_VALUE_TYPE_UNSIGNED_LONG = 2 }
     */
    public static int NVML_VALUE_TYPE_UNSIGNED_LONG() {
        return NVML_VALUE_TYPE_UNSIGNED_LONG;
    }
    private static final int NVML_VALUE_TYPE_UNSIGNED_LONG_LONG = (int)3L;
    /**
     * {@snippet lang=c : NVML_VALUE_TYPE_UNSIGNED_LONG_LONG = 3 }
     */
    public static int NVML_VALUE_TYPE_UNSIGNED_LONG_LONG() {
        return NVML_VALUE_TYPE_UNSIGNED_LONG_LONG;
    }
    private static final int NVML_VALUE_TYPE_SIGNED_LONG_LONG = (int)4L;
    /**
     * {@snippet lang=c : NVML_VALUE_TYPE_SIGNED_LONG_LONG = 4 }
     */
    public static int NVML_VALUE_TYPE_SIGNED_LONG_LONG() {
        return NVML_VALUE_TYPE_SIGNED_LONG_LONG;
    }
    private static final int NVML_FI_DEV_MEMORY_TEMP = (int)82L;
    /**
     * {@snippet lang=c : #define NVML_FI_DEV_MEMORY_TEMP 82 }
     */
    public static int NVML_FI_DEV_MEMORY_TEMP() {
        return NVML_FI_DEV_MEMORY_TEMP;
    }
    private static final int NVML_PERF_POLICY_POWER = (int)0L;
    /**
     * {@snippet lang=c : NVML_PERF_POLICY_POWER = 0 }
     */
    public static int NVML_PERF_POLICY_POWER() {
        return NVML_PERF_POLICY_POWER;
    }
    private static final int NVML_PERF_POLICY_THERMAL = (int)1L;
    /**
     * {@snippet lang=c : NVML_PERF_POLICY_THERMAL = 1 }
     */
    public static int NVML_PERF_POLICY_THERMAL() {
        return NVML_PERF_POLICY_THERMAL;
    }
    private static final int NVML_PERF_POLICY_SYNC_BOOST = (int)2L;
    /**
     * {@snippet lang=c : NVML_PERF_POLICY_SYNC_BOOST = 2 }
     */
    public static int NVML_PERF_POLICY_SYNC_BOOST() {
        return NVML_PERF_POLICY_SYNC_BOOST;
    }
    private static final int NVML_PERF_POLICY_BOARD_LIMIT = (int)3L;
    /**
     * {@snippet lang=c : NVML_PERF_POLICY_BOARD_LIMIT = 3 }
     */
    public static int NVML_PERF_POLICY_BOARD_LIMIT() {
        return NVML_PERF_POLICY_BOARD_LIMIT;
    }
    private static final int NVML_PERF_POLICY_LOW_UTILIZATION = (int)4L;
    /**
     * {@snippet lang=c : NVML_PERF_POLICY_LOW_UTILIZATION = 4 }
     */
    public static int NVML_PERF_POLICY_LOW_UTILIZATION() {
        return NVML_PERF_POLICY_LOW_UTILIZATION;
    }
    private static final int NVML_PERF_POLICY_RELIABILITY = (int)5L;
    /**
     * {@snippet lang=c : NVML_PERF_POLICY_RELIABILITY = 5 }
     */
    public static int NVML_PERF_POLICY_RELIABILITY() {
        return NVML_PERF_POLICY_RELIABILITY;
    }
    private static final int NVML_DEVICE_MIG_DISABLE = (int)0L;
    /**
     * {@snippet lang=c : NVML_DEVICE_MIG_DISABLE = 0 }
     */
    public static int NVML_DEVICE_MIG_DISABLE() {
        return NVML_DEVICE_MIG_DISABLE;
    }
    private static final int NVML_DEVICE_MIG_ENABLE = (int)1L;
    /**
     * {@snippet lang=c : NVML_DEVICE_MIG_ENABLE = 1 }
     */
    public static int NVML_DEVICE_MIG_ENABLE() {
        return NVML_DEVICE_MIG_ENABLE;
    }
    private static final int NVML_DEVICE_UUID_V2_BUFFER_SIZE = (int)96L;
    /**
     * {@snippet lang=c : NVML_DEVICE_UUID_V2_BUFFER_SIZE = 96 }
     */
    public static int NVML_DEVICE_UUID_V2_BUFFER_SIZE() {
        return NVML_DEVICE_UUID_V2_BUFFER_SIZE;
    }
    private static final int NVML_DEVICE_NAME_V2_BUFFER_SIZE = (int)96L;
    /**
     * {@snippet lang=c : NVML_DEVICE_NAME_V2_BUFFER_SIZE = 96 }
     */
    public static int NVML_DEVICE_NAME_V2_BUFFER_SIZE() {
        return NVML_DEVICE_NAME_V2_BUFFER_SIZE;
    }
    private static final int NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE = (int)80L;
    /**
     * {@snippet lang=c : NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE = 80 }
     */
    public static int NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE() {
        return NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE;
    }
    private static final int NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE = (int)80L;
    /**
     * {@snippet lang=c : NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE = 80 }
     */
    public static int NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE() {
        return NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE;
    }
    private static final int NVML_DEVICE_PCI_BUS_ID_BUFFER_SIZE = (int)32L;
    /**
     * {@snippet lang=c : NVML_DEVICE_PCI_BUS_ID_BUFFER_SIZE = 32 }
     */
    public static int NVML_DEVICE_PCI_BUS_ID_BUFFER_SIZE() {
        return NVML_DEVICE_PCI_BUS_ID_BUFFER_SIZE;
    }
    private static final int NVML_DEVICE_PCI_BUS_ID_BUFFER_V2_SIZE = (int)16L;
    /**
     * {@snippet lang=c : NVML_DEVICE_PCI_BUS_ID_BUFFER_V2_SIZE = 16 }
     */
    public static int NVML_DEVICE_PCI_BUS_ID_BUFFER_V2_SIZE() {
        return NVML_DEVICE_PCI_BUS_ID_BUFFER_V2_SIZE;
    }
    private static final int nvmlMemory_v2 = (int)33554472L;
    /**
     * {@snippet lang=c : nvmlMemory_v2 = 33554472 }
     */
    public static int nvmlMemory_v2() {
        return nvmlMemory_v2;
    }
    /**
     * {@snippet lang=c : #define nvmlEventTypeXidCriticalError 0x8LL }
     */
    public static long nvmlEventTypeXidCriticalError() {
        return 8L;
    }
    /**
     * {@snippet lang=c : #define nvmlClocksThrottleReasonGpuIdle 0x1LL }
     */
    public static long nvmlClocksThrottleReasonGpuIdle() {
        return 1L;
    }
    /**
     * {@snippet lang=c : #define nvmlClocksThrottleReasonApplicationsClocksSetting 0x2LL }
     */
    public static long nvmlClocksThrottleReasonApplicationsClocksSetting() {
        return 2L;
    }
    /**
     * {@snippet lang=c : #define nvmlClocksThrottleReasonSwPowerCap 0x4LL }
     */
    public static long nvmlClocksThrottleReasonSwPowerCap() {
        return 4L;
    }
    /**
     * {@snippet lang=c : #define nvmlClocksThrottleReasonHwSlowdown 0x8LL }
     */
    public static long nvmlClocksThrottleReasonHwSlowdown() {
        return 8L;
    }
    /**
     * {@snippet lang=c : #define nvmlClocksThrottleReasonSyncBoost 0x10LL }
     */
    public static long nvmlClocksThrottleReasonSyncBoost() {
        return 16L;
    }
    /**
     * {@snippet lang=c : #define nvmlClocksThrottleReasonSwThermalSlowdown 0x20LL }
     */
    public static long nvmlClocksThrottleReasonSwThermalSlowdown() {
        return 32L;
    }
    /**
     * {@snippet lang=c : #define nvmlClocksThrottleReasonHwThermalSlowdown 0x40LL }
     */
    public static long nvmlClocksThrottleReasonHwThermalSlowdown() {
        return 64L;
    }
    /**
     * {@snippet lang=c : #define nvmlClocksThrottleReasonHwPowerBrakeSlowdown 0x80LL }
     */
    public static long nvmlClocksThrottleReasonHwPowerBrakeSlowdown() {
        return 128L;
    }
    /**
     * {@snippet lang=c : #define nvmlClocksThrottleReasonDisplayClockSetting 0x100LL }
     */
    public static long nvmlClocksThrottleReasonDisplayClockSetting() {
        return 256L;
    }
    private static final int NVML_GPM_METRIC_GRAPHICS_UTIL = (int)1L;
    /**
     * {@snippet lang=c : NVML_GPM_METRIC_GRAPHICS_UTIL = 1 }
     */
    public static int NVML_GPM_METRIC_GRAPHICS_UTIL() {
        return NVML_GPM_METRIC_GRAPHICS_UTIL;
    }
    private static final int NVML_GPM_METRIC_SM_UTIL = (int)2L;
    /**
     * {@snippet lang=c : NVML_GPM_METRIC_SM_UTIL = 2 }
     */
    public static int NVML_GPM_METRIC_SM_UTIL() {
        return NVML_GPM_METRIC_SM_UTIL;
    }
    private static final int NVML_GPM_METRIC_SM_OCCUPANCY = (int)3L;
    /**
     * {@snippet lang=c : NVML_GPM_METRIC_SM_OCCUPANCY = 3 }
     */
    public static int NVML_GPM_METRIC_SM_OCCUPANCY() {
        return NVML_GPM_METRIC_SM_OCCUPANCY;
    }
    private static final int NVML_GPM_METRIC_ANY_TENSOR_UTIL = (int)5L;
    /**
     * {@snippet lang=c : NVML_GPM_METRIC_ANY_TENSOR_UTIL = 5 }
     */
    public static int NVML_GPM_METRIC_ANY_TENSOR_UTIL() {
        return NVML_GPM_METRIC_ANY_TENSOR_UTIL;
    }
    private static final int NVML_GPM_METRIC_DRAM_BW_UTIL = (int)10L;
    /**
     * {@snippet lang=c : NVML_GPM_METRIC_DRAM_BW_UTIL = 10 }
     */
    public static int NVML_GPM_METRIC_DRAM_BW_UTIL() {
        return NVML_GPM_METRIC_DRAM_BW_UTIL;
    }
    private static final int NVML_GPM_METRIC_PCIE_TX_PER_SEC = (int)20L;
    /**
     * {@snippet lang=c : NVML_GPM_METRIC_PCIE_TX_PER_SEC = 20 }
     */
    public static int NVML_GPM_METRIC_PCIE_TX_PER_SEC() {
        return NVML_GPM_METRIC_PCIE_TX_PER_SEC;
    }
    private static final int NVML_GPM_METRIC_PCIE_RX_PER_SEC = (int)21L;
    /**
     * {@snippet lang=c : NVML_GPM_METRIC_PCIE_RX_PER_SEC = 21 }
     */
    public static int NVML_GPM_METRIC_PCIE_RX_PER_SEC() {
        return NVML_GPM_METRIC_PCIE_RX_PER_SEC;
    }
    private static final int NVML_GPM_METRIC_NVLINK_TOTAL_RX_PER_SEC = (int)60L;
    /**
     * {@snippet lang=c : NVML_GPM_METRIC_NVLINK_TOTAL_RX_PER_SEC = 60 }
     */
    public static int NVML_GPM_METRIC_NVLINK_TOTAL_RX_PER_SEC() {
        return NVML_GPM_METRIC_NVLINK_TOTAL_RX_PER_SEC;
    }
    private static final int NVML_GPM_METRIC_NVLINK_TOTAL_TX_PER_SEC = (int)61L;
    /**
     * {@snippet lang=c : NVML_GPM_METRIC_NVLINK_TOTAL_TX_PER_SEC = 61 }
     */
    public static int NVML_GPM_METRIC_NVLINK_TOTAL_TX_PER_SEC() {
        return NVML_GPM_METRIC_NVLINK_TOTAL_TX_PER_SEC;
    }
    private static final int NVML_GPM_METRIC_MAX = (int)98L;
    /**
     * {@snippet lang=c : NVML_GPM_METRIC_MAX = 98 }
     */
    public static int NVML_GPM_METRIC_MAX() {
        return NVML_GPM_METRIC_MAX;
    }
    /**
     * {@snippet lang=c : #define NVML_GPM_METRICS_GET_VERSION 1 }
     */
    public static int NVML_GPM_METRICS_GET_VERSION() {
        return 1;
    }
    /**
     * {@snippet lang=c : #define NVML_GPM_SUPPORT_VERSION 1 }
     */
    public static int NVML_GPM_SUPPORT_VERSION() {
        return 1;
    }

    private static class nvmlInit_v2 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlInit_v2");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlInit_v2(void) }
     */
    public static FunctionDescriptor nvmlInit_v2$descriptor() {
        return nvmlInit_v2.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlInit_v2(void) }
     */
    public static MethodHandle nvmlInit_v2$handle() {
        return nvmlInit_v2.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlInit_v2(void) }
     */
    public static MemorySegment nvmlInit_v2$address() {
        return nvmlInit_v2.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlInit_v2(void) }
     */
    public static int nvmlInit_v2() {
        var mh$ = nvmlInit_v2.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlInit_v2");
            }
            return (int)mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlInitWithFlags {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_INT
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlInitWithFlags");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlInitWithFlags(unsigned int flags) }
     */
    public static FunctionDescriptor nvmlInitWithFlags$descriptor() {
        return nvmlInitWithFlags.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlInitWithFlags(unsigned int flags) }
     */
    public static MethodHandle nvmlInitWithFlags$handle() {
        return nvmlInitWithFlags.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlInitWithFlags(unsigned int flags) }
     */
    public static MemorySegment nvmlInitWithFlags$address() {
        return nvmlInitWithFlags.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlInitWithFlags(unsigned int flags) }
     */
    public static int nvmlInitWithFlags(int flags) {
        var mh$ = nvmlInitWithFlags.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlInitWithFlags", flags);
            }
            return (int)mh$.invokeExact(flags);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlShutdown {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlShutdown");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlShutdown(void) }
     */
    public static FunctionDescriptor nvmlShutdown$descriptor() {
        return nvmlShutdown.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlShutdown(void) }
     */
    public static MethodHandle nvmlShutdown$handle() {
        return nvmlShutdown.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlShutdown(void) }
     */
    public static MemorySegment nvmlShutdown$address() {
        return nvmlShutdown.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlShutdown(void) }
     */
    public static int nvmlShutdown() {
        var mh$ = nvmlShutdown.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlShutdown");
            }
            return (int)mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlErrorString {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_POINTER,
            nvml_h.C_INT
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlErrorString");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : const char * nvmlErrorString(unsigned int result) }
     */
    public static FunctionDescriptor nvmlErrorString$descriptor() {
        return nvmlErrorString.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : const char * nvmlErrorString(unsigned int result) }
     */
    public static MethodHandle nvmlErrorString$handle() {
        return nvmlErrorString.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : const char * nvmlErrorString(unsigned int result) }
     */
    public static MemorySegment nvmlErrorString$address() {
        return nvmlErrorString.ADDR;
    }

    /**
     * {@snippet lang=c : const char * nvmlErrorString(unsigned int result) }
     */
    public static MemorySegment nvmlErrorString(int result) {
        var mh$ = nvmlErrorString.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlErrorString", result);
            }
            return (MemorySegment)mh$.invokeExact(result);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlSystemGetDriverVersion {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_INT
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlSystemGetDriverVersion");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlSystemGetDriverVersion(void * version, unsigned int length) }
     */
    public static FunctionDescriptor nvmlSystemGetDriverVersion$descriptor() {
        return nvmlSystemGetDriverVersion.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlSystemGetDriverVersion(void * version, unsigned int length) }
     */
    public static MethodHandle nvmlSystemGetDriverVersion$handle() {
        return nvmlSystemGetDriverVersion.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlSystemGetDriverVersion(void * version, unsigned int length) }
     */
    public static MemorySegment nvmlSystemGetDriverVersion$address() {
        return nvmlSystemGetDriverVersion.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlSystemGetDriverVersion(void * version, unsigned int length) }
     */
    public static int nvmlSystemGetDriverVersion(MemorySegment version, int length) {
        var mh$ = nvmlSystemGetDriverVersion.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlSystemGetDriverVersion", version, length);
            }
            return (int)mh$.invokeExact(version, length);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlSystemGetNVMLVersion {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_INT
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlSystemGetNVMLVersion");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlSystemGetNVMLVersion(void * version, unsigned int length) }
     */
    public static FunctionDescriptor nvmlSystemGetNVMLVersion$descriptor() {
        return nvmlSystemGetNVMLVersion.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlSystemGetNVMLVersion(void * version, unsigned int length) }
     */
    public static MethodHandle nvmlSystemGetNVMLVersion$handle() {
        return nvmlSystemGetNVMLVersion.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlSystemGetNVMLVersion(void * version, unsigned int length) }
     */
    public static MemorySegment nvmlSystemGetNVMLVersion$address() {
        return nvmlSystemGetNVMLVersion.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlSystemGetNVMLVersion(void * version, unsigned int length) }
     */
    public static int nvmlSystemGetNVMLVersion(MemorySegment version, int length) {
        var mh$ = nvmlSystemGetNVMLVersion.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlSystemGetNVMLVersion", version, length);
            }
            return (int)mh$.invokeExact(version, length);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlSystemGetCudaDriverVersion_v2 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlSystemGetCudaDriverVersion_v2");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlSystemGetCudaDriverVersion_v2(void * cudaDriverVersion) }
     */
    public static FunctionDescriptor nvmlSystemGetCudaDriverVersion_v2$descriptor() {
        return nvmlSystemGetCudaDriverVersion_v2.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlSystemGetCudaDriverVersion_v2(void * cudaDriverVersion) }
     */
    public static MethodHandle nvmlSystemGetCudaDriverVersion_v2$handle() {
        return nvmlSystemGetCudaDriverVersion_v2.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlSystemGetCudaDriverVersion_v2(void * cudaDriverVersion) }
     */
    public static MemorySegment nvmlSystemGetCudaDriverVersion_v2$address() {
        return nvmlSystemGetCudaDriverVersion_v2.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlSystemGetCudaDriverVersion_v2(void * cudaDriverVersion) }
     */
    public static int nvmlSystemGetCudaDriverVersion_v2(MemorySegment cudaDriverVersion) {
        var mh$ = nvmlSystemGetCudaDriverVersion_v2.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlSystemGetCudaDriverVersion_v2", cudaDriverVersion);
            }
            return (int)mh$.invokeExact(cudaDriverVersion);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetCount_v2 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetCount_v2");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCount_v2(void * deviceCount) }
     */
    public static FunctionDescriptor nvmlDeviceGetCount_v2$descriptor() {
        return nvmlDeviceGetCount_v2.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCount_v2(void * deviceCount) }
     */
    public static MethodHandle nvmlDeviceGetCount_v2$handle() {
        return nvmlDeviceGetCount_v2.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCount_v2(void * deviceCount) }
     */
    public static MemorySegment nvmlDeviceGetCount_v2$address() {
        return nvmlDeviceGetCount_v2.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCount_v2(void * deviceCount) }
     */
    public static int nvmlDeviceGetCount_v2(MemorySegment deviceCount) {
        var mh$ = nvmlDeviceGetCount_v2.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetCount_v2", deviceCount);
            }
            return (int)mh$.invokeExact(deviceCount);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetHandleByIndex_v2 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetHandleByIndex_v2");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, void * device) }
     */
    public static FunctionDescriptor nvmlDeviceGetHandleByIndex_v2$descriptor() {
        return nvmlDeviceGetHandleByIndex_v2.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, void * device) }
     */
    public static MethodHandle nvmlDeviceGetHandleByIndex_v2$handle() {
        return nvmlDeviceGetHandleByIndex_v2.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, void * device) }
     */
    public static MemorySegment nvmlDeviceGetHandleByIndex_v2$address() {
        return nvmlDeviceGetHandleByIndex_v2.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, void * device) }
     */
    public static int nvmlDeviceGetHandleByIndex_v2(int index, MemorySegment device) {
        var mh$ = nvmlDeviceGetHandleByIndex_v2.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetHandleByIndex_v2", index, device);
            }
            return (int)mh$.invokeExact(index, device);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetUUID {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER,
            nvml_h.C_INT
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetUUID");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetUUID(void * device, void * uuid, unsigned int length) }
     */
    public static FunctionDescriptor nvmlDeviceGetUUID$descriptor() {
        return nvmlDeviceGetUUID.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetUUID(void * device, void * uuid, unsigned int length) }
     */
    public static MethodHandle nvmlDeviceGetUUID$handle() {
        return nvmlDeviceGetUUID.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetUUID(void * device, void * uuid, unsigned int length) }
     */
    public static MemorySegment nvmlDeviceGetUUID$address() {
        return nvmlDeviceGetUUID.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetUUID(void * device, void * uuid, unsigned int length) }
     */
    public static int nvmlDeviceGetUUID(MemorySegment device, MemorySegment uuid, int length) {
        var mh$ = nvmlDeviceGetUUID.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetUUID", device, uuid, length);
            }
            return (int)mh$.invokeExact(device, uuid, length);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetName {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER,
            nvml_h.C_INT
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetName");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetName(void * device, void * name, unsigned int length) }
     */
    public static FunctionDescriptor nvmlDeviceGetName$descriptor() {
        return nvmlDeviceGetName.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetName(void * device, void * name, unsigned int length) }
     */
    public static MethodHandle nvmlDeviceGetName$handle() {
        return nvmlDeviceGetName.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetName(void * device, void * name, unsigned int length) }
     */
    public static MemorySegment nvmlDeviceGetName$address() {
        return nvmlDeviceGetName.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetName(void * device, void * name, unsigned int length) }
     */
    public static int nvmlDeviceGetName(MemorySegment device, MemorySegment name, int length) {
        var mh$ = nvmlDeviceGetName.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetName", device, name, length);
            }
            return (int)mh$.invokeExact(device, name, length);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetIndex {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetIndex");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetIndex(void * device, void * index) }
     */
    public static FunctionDescriptor nvmlDeviceGetIndex$descriptor() {
        return nvmlDeviceGetIndex.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetIndex(void * device, void * index) }
     */
    public static MethodHandle nvmlDeviceGetIndex$handle() {
        return nvmlDeviceGetIndex.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetIndex(void * device, void * index) }
     */
    public static MemorySegment nvmlDeviceGetIndex$address() {
        return nvmlDeviceGetIndex.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetIndex(void * device, void * index) }
     */
    public static int nvmlDeviceGetIndex(MemorySegment device, MemorySegment index) {
        var mh$ = nvmlDeviceGetIndex.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetIndex", device, index);
            }
            return (int)mh$.invokeExact(device, index);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetMinorNumber {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetMinorNumber");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMinorNumber(void * device, void * minorNumber) }
     */
    public static FunctionDescriptor nvmlDeviceGetMinorNumber$descriptor() {
        return nvmlDeviceGetMinorNumber.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMinorNumber(void * device, void * minorNumber) }
     */
    public static MethodHandle nvmlDeviceGetMinorNumber$handle() {
        return nvmlDeviceGetMinorNumber.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMinorNumber(void * device, void * minorNumber) }
     */
    public static MemorySegment nvmlDeviceGetMinorNumber$address() {
        return nvmlDeviceGetMinorNumber.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMinorNumber(void * device, void * minorNumber) }
     */
    public static int nvmlDeviceGetMinorNumber(MemorySegment device, MemorySegment minorNumber) {
        var mh$ = nvmlDeviceGetMinorNumber.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetMinorNumber", device, minorNumber);
            }
            return (int)mh$.invokeExact(device, minorNumber);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetPciInfo_v3 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetPciInfo_v3");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPciInfo_v3(void * device, void * pci) }
     */
    public static FunctionDescriptor nvmlDeviceGetPciInfo_v3$descriptor() {
        return nvmlDeviceGetPciInfo_v3.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPciInfo_v3(void * device, void * pci) }
     */
    public static MethodHandle nvmlDeviceGetPciInfo_v3$handle() {
        return nvmlDeviceGetPciInfo_v3.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPciInfo_v3(void * device, void * pci) }
     */
    public static MemorySegment nvmlDeviceGetPciInfo_v3$address() {
        return nvmlDeviceGetPciInfo_v3.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPciInfo_v3(void * device, void * pci) }
     */
    public static int nvmlDeviceGetPciInfo_v3(MemorySegment device, MemorySegment pci) {
        var mh$ = nvmlDeviceGetPciInfo_v3.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetPciInfo_v3", device, pci);
            }
            return (int)mh$.invokeExact(device, pci);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetUtilizationRates {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetUtilizationRates");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetUtilizationRates(void * device, void * utilization) }
     */
    public static FunctionDescriptor nvmlDeviceGetUtilizationRates$descriptor() {
        return nvmlDeviceGetUtilizationRates.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetUtilizationRates(void * device, void * utilization) }
     */
    public static MethodHandle nvmlDeviceGetUtilizationRates$handle() {
        return nvmlDeviceGetUtilizationRates.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetUtilizationRates(void * device, void * utilization) }
     */
    public static MemorySegment nvmlDeviceGetUtilizationRates$address() {
        return nvmlDeviceGetUtilizationRates.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetUtilizationRates(void * device, void * utilization) }
     */
    public static int nvmlDeviceGetUtilizationRates(MemorySegment device, MemorySegment utilization) {
        var mh$ = nvmlDeviceGetUtilizationRates.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetUtilizationRates", device, utilization);
            }
            return (int)mh$.invokeExact(device, utilization);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetMemoryInfo {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetMemoryInfo");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMemoryInfo(void * device, void * memory) }
     */
    public static FunctionDescriptor nvmlDeviceGetMemoryInfo$descriptor() {
        return nvmlDeviceGetMemoryInfo.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMemoryInfo(void * device, void * memory) }
     */
    public static MethodHandle nvmlDeviceGetMemoryInfo$handle() {
        return nvmlDeviceGetMemoryInfo.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMemoryInfo(void * device, void * memory) }
     */
    public static MemorySegment nvmlDeviceGetMemoryInfo$address() {
        return nvmlDeviceGetMemoryInfo.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMemoryInfo(void * device, void * memory) }
     */
    public static int nvmlDeviceGetMemoryInfo(MemorySegment device, MemorySegment memory) {
        var mh$ = nvmlDeviceGetMemoryInfo.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetMemoryInfo", device, memory);
            }
            return (int)mh$.invokeExact(device, memory);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetMemoryInfo_v2 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetMemoryInfo_v2");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMemoryInfo_v2(void * device, void * memory) }
     */
    public static FunctionDescriptor nvmlDeviceGetMemoryInfo_v2$descriptor() {
        return nvmlDeviceGetMemoryInfo_v2.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMemoryInfo_v2(void * device, void * memory) }
     */
    public static MethodHandle nvmlDeviceGetMemoryInfo_v2$handle() {
        return nvmlDeviceGetMemoryInfo_v2.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMemoryInfo_v2(void * device, void * memory) }
     */
    public static MemorySegment nvmlDeviceGetMemoryInfo_v2$address() {
        return nvmlDeviceGetMemoryInfo_v2.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMemoryInfo_v2(void * device, void * memory) }
     */
    public static int nvmlDeviceGetMemoryInfo_v2(MemorySegment device, MemorySegment memory) {
        var mh$ = nvmlDeviceGetMemoryInfo_v2.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetMemoryInfo_v2", device, memory);
            }
            return (int)mh$.invokeExact(device, memory);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetTemperature {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetTemperature");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetTemperature(void * device, unsigned int sensorType, void * temp) }
     */
    public static FunctionDescriptor nvmlDeviceGetTemperature$descriptor() {
        return nvmlDeviceGetTemperature.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetTemperature(void * device, unsigned int sensorType, void * temp) }
     */
    public static MethodHandle nvmlDeviceGetTemperature$handle() {
        return nvmlDeviceGetTemperature.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetTemperature(void * device, unsigned int sensorType, void * temp) }
     */
    public static MemorySegment nvmlDeviceGetTemperature$address() {
        return nvmlDeviceGetTemperature.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetTemperature(void * device, unsigned int sensorType, void * temp) }
     */
    public static int nvmlDeviceGetTemperature(MemorySegment device, int sensorType, MemorySegment temp) {
        var mh$ = nvmlDeviceGetTemperature.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetTemperature", device, sensorType, temp);
            }
            return (int)mh$.invokeExact(device, sensorType, temp);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetPowerUsage {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetPowerUsage");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPowerUsage(void * device, void * power) }
     */
    public static FunctionDescriptor nvmlDeviceGetPowerUsage$descriptor() {
        return nvmlDeviceGetPowerUsage.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPowerUsage(void * device, void * power) }
     */
    public static MethodHandle nvmlDeviceGetPowerUsage$handle() {
        return nvmlDeviceGetPowerUsage.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPowerUsage(void * device, void * power) }
     */
    public static MemorySegment nvmlDeviceGetPowerUsage$address() {
        return nvmlDeviceGetPowerUsage.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPowerUsage(void * device, void * power) }
     */
    public static int nvmlDeviceGetPowerUsage(MemorySegment device, MemorySegment power) {
        var mh$ = nvmlDeviceGetPowerUsage.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetPowerUsage", device, power);
            }
            return (int)mh$.invokeExact(device, power);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetEnforcedPowerLimit {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetEnforcedPowerLimit");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(void * device, void * limit) }
     */
    public static FunctionDescriptor nvmlDeviceGetEnforcedPowerLimit$descriptor() {
        return nvmlDeviceGetEnforcedPowerLimit.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(void * device, void * limit) }
     */
    public static MethodHandle nvmlDeviceGetEnforcedPowerLimit$handle() {
        return nvmlDeviceGetEnforcedPowerLimit.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(void * device, void * limit) }
     */
    public static MemorySegment nvmlDeviceGetEnforcedPowerLimit$address() {
        return nvmlDeviceGetEnforcedPowerLimit.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(void * device, void * limit) }
     */
    public static int nvmlDeviceGetEnforcedPowerLimit(MemorySegment device, MemorySegment limit) {
        var mh$ = nvmlDeviceGetEnforcedPowerLimit.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetEnforcedPowerLimit", device, limit);
            }
            return (int)mh$.invokeExact(device, limit);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetTotalEnergyConsumption {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetTotalEnergyConsumption");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(void * device, void * energy) }
     */
    public static FunctionDescriptor nvmlDeviceGetTotalEnergyConsumption$descriptor() {
        return nvmlDeviceGetTotalEnergyConsumption.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(void * device, void * energy) }
     */
    public static MethodHandle nvmlDeviceGetTotalEnergyConsumption$handle() {
        return nvmlDeviceGetTotalEnergyConsumption.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(void * device, void * energy) }
     */
    public static MemorySegment nvmlDeviceGetTotalEnergyConsumption$address() {
        return nvmlDeviceGetTotalEnergyConsumption.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(void * device, void * energy) }
     */
    public static int nvmlDeviceGetTotalEnergyConsumption(MemorySegment device, MemorySegment energy) {
        var mh$ = nvmlDeviceGetTotalEnergyConsumption.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetTotalEnergyConsumption", device, energy);
            }
            return (int)mh$.invokeExact(device, energy);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetFanSpeed_v2 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetFanSpeed_v2");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetFanSpeed_v2(void * device, unsigned int fan, unsigned int * speed) }
     */
    public static FunctionDescriptor nvmlDeviceGetFanSpeed_v2$descriptor() {
        return nvmlDeviceGetFanSpeed_v2.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetFanSpeed_v2(void * device, unsigned int fan, unsigned int * speed) }
     */
    public static MethodHandle nvmlDeviceGetFanSpeed_v2$handle() {
        return nvmlDeviceGetFanSpeed_v2.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetFanSpeed_v2(void * device, unsigned int fan, unsigned int * speed) }
     */
    public static MemorySegment nvmlDeviceGetFanSpeed_v2$address() {
        return nvmlDeviceGetFanSpeed_v2.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetFanSpeed_v2(void * device, unsigned int fan, unsigned int * speed) }
     */
    public static int nvmlDeviceGetFanSpeed_v2(MemorySegment device, int fan, MemorySegment speed) {
        var mh$ = nvmlDeviceGetFanSpeed_v2.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetFanSpeed_v2", device, fan, speed);
            }
            return (int)mh$.invokeExact(device, fan, speed);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetNumFans {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetNumFans");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetNumFans(void * device, unsigned int * numFans) }
     */
    public static FunctionDescriptor nvmlDeviceGetNumFans$descriptor() {
        return nvmlDeviceGetNumFans.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetNumFans(void * device, unsigned int * numFans) }
     */
    public static MethodHandle nvmlDeviceGetNumFans$handle() {
        return nvmlDeviceGetNumFans.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetNumFans(void * device, unsigned int * numFans) }
     */
    public static MemorySegment nvmlDeviceGetNumFans$address() {
        return nvmlDeviceGetNumFans.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetNumFans(void * device, unsigned int * numFans) }
     */
    public static int nvmlDeviceGetNumFans(MemorySegment device, MemorySegment numFans) {
        var mh$ = nvmlDeviceGetNumFans.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetNumFans", device, numFans);
            }
            return (int)mh$.invokeExact(device, numFans);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetClockInfo {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetClockInfo");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetClockInfo(void * device, unsigned int type, void * clock) }
     */
    public static FunctionDescriptor nvmlDeviceGetClockInfo$descriptor() {
        return nvmlDeviceGetClockInfo.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetClockInfo(void * device, unsigned int type, void * clock) }
     */
    public static MethodHandle nvmlDeviceGetClockInfo$handle() {
        return nvmlDeviceGetClockInfo.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetClockInfo(void * device, unsigned int type, void * clock) }
     */
    public static MemorySegment nvmlDeviceGetClockInfo$address() {
        return nvmlDeviceGetClockInfo.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetClockInfo(void * device, unsigned int type, void * clock) }
     */
    public static int nvmlDeviceGetClockInfo(MemorySegment device, int type, MemorySegment clock) {
        var mh$ = nvmlDeviceGetClockInfo.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetClockInfo", device, type, clock);
            }
            return (int)mh$.invokeExact(device, type, clock);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetPerformanceState {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetPerformanceState");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPerformanceState(void * device, void * pState) }
     */
    public static FunctionDescriptor nvmlDeviceGetPerformanceState$descriptor() {
        return nvmlDeviceGetPerformanceState.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPerformanceState(void * device, void * pState) }
     */
    public static MethodHandle nvmlDeviceGetPerformanceState$handle() {
        return nvmlDeviceGetPerformanceState.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPerformanceState(void * device, void * pState) }
     */
    public static MemorySegment nvmlDeviceGetPerformanceState$address() {
        return nvmlDeviceGetPerformanceState.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPerformanceState(void * device, void * pState) }
     */
    public static int nvmlDeviceGetPerformanceState(MemorySegment device, MemorySegment pState) {
        var mh$ = nvmlDeviceGetPerformanceState.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetPerformanceState", device, pState);
            }
            return (int)mh$.invokeExact(device, pState);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetCurrentClocksThrottleReasons {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetCurrentClocksThrottleReasons");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCurrentClocksThrottleReasons(void * device, void * clocksThrottleReasons) }
     */
    public static FunctionDescriptor nvmlDeviceGetCurrentClocksThrottleReasons$descriptor() {
        return nvmlDeviceGetCurrentClocksThrottleReasons.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCurrentClocksThrottleReasons(void * device, void * clocksThrottleReasons) }
     */
    public static MethodHandle nvmlDeviceGetCurrentClocksThrottleReasons$handle() {
        return nvmlDeviceGetCurrentClocksThrottleReasons.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCurrentClocksThrottleReasons(void * device, void * clocksThrottleReasons) }
     */
    public static MemorySegment nvmlDeviceGetCurrentClocksThrottleReasons$address() {
        return nvmlDeviceGetCurrentClocksThrottleReasons.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCurrentClocksThrottleReasons(void * device, void * clocksThrottleReasons) }
     */
    public static int nvmlDeviceGetCurrentClocksThrottleReasons(MemorySegment device, MemorySegment clocksThrottleReasons) {
        var mh$ = nvmlDeviceGetCurrentClocksThrottleReasons.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetCurrentClocksThrottleReasons", device, clocksThrottleReasons);
            }
            return (int)mh$.invokeExact(device, clocksThrottleReasons);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetEncoderUtilization {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetEncoderUtilization");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetEncoderUtilization(void * device, void * utilization, void * samplingPeriodUs) }
     */
    public static FunctionDescriptor nvmlDeviceGetEncoderUtilization$descriptor() {
        return nvmlDeviceGetEncoderUtilization.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetEncoderUtilization(void * device, void * utilization, void * samplingPeriodUs) }
     */
    public static MethodHandle nvmlDeviceGetEncoderUtilization$handle() {
        return nvmlDeviceGetEncoderUtilization.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetEncoderUtilization(void * device, void * utilization, void * samplingPeriodUs) }
     */
    public static MemorySegment nvmlDeviceGetEncoderUtilization$address() {
        return nvmlDeviceGetEncoderUtilization.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetEncoderUtilization(void * device, void * utilization, void * samplingPeriodUs) }
     */
    public static int nvmlDeviceGetEncoderUtilization(MemorySegment device, MemorySegment utilization, MemorySegment samplingPeriodUs) {
        var mh$ = nvmlDeviceGetEncoderUtilization.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetEncoderUtilization", device, utilization, samplingPeriodUs);
            }
            return (int)mh$.invokeExact(device, utilization, samplingPeriodUs);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetDecoderUtilization {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetDecoderUtilization");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetDecoderUtilization(void * device, void * utilization, void * samplingPeriodUs) }
     */
    public static FunctionDescriptor nvmlDeviceGetDecoderUtilization$descriptor() {
        return nvmlDeviceGetDecoderUtilization.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetDecoderUtilization(void * device, void * utilization, void * samplingPeriodUs) }
     */
    public static MethodHandle nvmlDeviceGetDecoderUtilization$handle() {
        return nvmlDeviceGetDecoderUtilization.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetDecoderUtilization(void * device, void * utilization, void * samplingPeriodUs) }
     */
    public static MemorySegment nvmlDeviceGetDecoderUtilization$address() {
        return nvmlDeviceGetDecoderUtilization.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetDecoderUtilization(void * device, void * utilization, void * samplingPeriodUs) }
     */
    public static int nvmlDeviceGetDecoderUtilization(MemorySegment device, MemorySegment utilization, MemorySegment samplingPeriodUs) {
        var mh$ = nvmlDeviceGetDecoderUtilization.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetDecoderUtilization", device, utilization, samplingPeriodUs);
            }
            return (int)mh$.invokeExact(device, utilization, samplingPeriodUs);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetPcieThroughput {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetPcieThroughput");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPcieThroughput(void * device, unsigned int counter, void * value) }
     */
    public static FunctionDescriptor nvmlDeviceGetPcieThroughput$descriptor() {
        return nvmlDeviceGetPcieThroughput.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPcieThroughput(void * device, unsigned int counter, void * value) }
     */
    public static MethodHandle nvmlDeviceGetPcieThroughput$handle() {
        return nvmlDeviceGetPcieThroughput.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPcieThroughput(void * device, unsigned int counter, void * value) }
     */
    public static MemorySegment nvmlDeviceGetPcieThroughput$address() {
        return nvmlDeviceGetPcieThroughput.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPcieThroughput(void * device, unsigned int counter, void * value) }
     */
    public static int nvmlDeviceGetPcieThroughput(MemorySegment device, int counter, MemorySegment value) {
        var mh$ = nvmlDeviceGetPcieThroughput.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetPcieThroughput", device, counter, value);
            }
            return (int)mh$.invokeExact(device, counter, value);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetPcieReplayCounter {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetPcieReplayCounter");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPcieReplayCounter(void * device, void * value) }
     */
    public static FunctionDescriptor nvmlDeviceGetPcieReplayCounter$descriptor() {
        return nvmlDeviceGetPcieReplayCounter.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPcieReplayCounter(void * device, void * value) }
     */
    public static MethodHandle nvmlDeviceGetPcieReplayCounter$handle() {
        return nvmlDeviceGetPcieReplayCounter.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPcieReplayCounter(void * device, void * value) }
     */
    public static MemorySegment nvmlDeviceGetPcieReplayCounter$address() {
        return nvmlDeviceGetPcieReplayCounter.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetPcieReplayCounter(void * device, void * value) }
     */
    public static int nvmlDeviceGetPcieReplayCounter(MemorySegment device, MemorySegment value) {
        var mh$ = nvmlDeviceGetPcieReplayCounter.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetPcieReplayCounter", device, value);
            }
            return (int)mh$.invokeExact(device, value);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetCurrPcieLinkGeneration {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetCurrPcieLinkGeneration");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCurrPcieLinkGeneration(void * device, void * currLinkGen) }
     */
    public static FunctionDescriptor nvmlDeviceGetCurrPcieLinkGeneration$descriptor() {
        return nvmlDeviceGetCurrPcieLinkGeneration.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCurrPcieLinkGeneration(void * device, void * currLinkGen) }
     */
    public static MethodHandle nvmlDeviceGetCurrPcieLinkGeneration$handle() {
        return nvmlDeviceGetCurrPcieLinkGeneration.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCurrPcieLinkGeneration(void * device, void * currLinkGen) }
     */
    public static MemorySegment nvmlDeviceGetCurrPcieLinkGeneration$address() {
        return nvmlDeviceGetCurrPcieLinkGeneration.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCurrPcieLinkGeneration(void * device, void * currLinkGen) }
     */
    public static int nvmlDeviceGetCurrPcieLinkGeneration(MemorySegment device, MemorySegment currLinkGen) {
        var mh$ = nvmlDeviceGetCurrPcieLinkGeneration.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetCurrPcieLinkGeneration", device, currLinkGen);
            }
            return (int)mh$.invokeExact(device, currLinkGen);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetCurrPcieLinkWidth {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetCurrPcieLinkWidth");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCurrPcieLinkWidth(void * device, void * currLinkWidth) }
     */
    public static FunctionDescriptor nvmlDeviceGetCurrPcieLinkWidth$descriptor() {
        return nvmlDeviceGetCurrPcieLinkWidth.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCurrPcieLinkWidth(void * device, void * currLinkWidth) }
     */
    public static MethodHandle nvmlDeviceGetCurrPcieLinkWidth$handle() {
        return nvmlDeviceGetCurrPcieLinkWidth.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCurrPcieLinkWidth(void * device, void * currLinkWidth) }
     */
    public static MemorySegment nvmlDeviceGetCurrPcieLinkWidth$address() {
        return nvmlDeviceGetCurrPcieLinkWidth.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetCurrPcieLinkWidth(void * device, void * currLinkWidth) }
     */
    public static int nvmlDeviceGetCurrPcieLinkWidth(MemorySegment device, MemorySegment currLinkWidth) {
        var mh$ = nvmlDeviceGetCurrPcieLinkWidth.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetCurrPcieLinkWidth", device, currLinkWidth);
            }
            return (int)mh$.invokeExact(device, currLinkWidth);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetMaxPcieLinkGeneration {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetMaxPcieLinkGeneration");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMaxPcieLinkGeneration(void * device, void * maxLinkGen) }
     */
    public static FunctionDescriptor nvmlDeviceGetMaxPcieLinkGeneration$descriptor() {
        return nvmlDeviceGetMaxPcieLinkGeneration.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMaxPcieLinkGeneration(void * device, void * maxLinkGen) }
     */
    public static MethodHandle nvmlDeviceGetMaxPcieLinkGeneration$handle() {
        return nvmlDeviceGetMaxPcieLinkGeneration.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMaxPcieLinkGeneration(void * device, void * maxLinkGen) }
     */
    public static MemorySegment nvmlDeviceGetMaxPcieLinkGeneration$address() {
        return nvmlDeviceGetMaxPcieLinkGeneration.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMaxPcieLinkGeneration(void * device, void * maxLinkGen) }
     */
    public static int nvmlDeviceGetMaxPcieLinkGeneration(MemorySegment device, MemorySegment maxLinkGen) {
        var mh$ = nvmlDeviceGetMaxPcieLinkGeneration.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetMaxPcieLinkGeneration", device, maxLinkGen);
            }
            return (int)mh$.invokeExact(device, maxLinkGen);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetMaxPcieLinkWidth {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetMaxPcieLinkWidth");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMaxPcieLinkWidth(void * device, void * maxLinkWidth) }
     */
    public static FunctionDescriptor nvmlDeviceGetMaxPcieLinkWidth$descriptor() {
        return nvmlDeviceGetMaxPcieLinkWidth.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMaxPcieLinkWidth(void * device, void * maxLinkWidth) }
     */
    public static MethodHandle nvmlDeviceGetMaxPcieLinkWidth$handle() {
        return nvmlDeviceGetMaxPcieLinkWidth.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMaxPcieLinkWidth(void * device, void * maxLinkWidth) }
     */
    public static MemorySegment nvmlDeviceGetMaxPcieLinkWidth$address() {
        return nvmlDeviceGetMaxPcieLinkWidth.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMaxPcieLinkWidth(void * device, void * maxLinkWidth) }
     */
    public static int nvmlDeviceGetMaxPcieLinkWidth(MemorySegment device, MemorySegment maxLinkWidth) {
        var mh$ = nvmlDeviceGetMaxPcieLinkWidth.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetMaxPcieLinkWidth", device, maxLinkWidth);
            }
            return (int)mh$.invokeExact(device, maxLinkWidth);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetTotalEccErrors {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_INT,
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetTotalEccErrors");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetTotalEccErrors(void * device, unsigned int errorType, unsigned int counterType, void * eccCounts) }
     */
    public static FunctionDescriptor nvmlDeviceGetTotalEccErrors$descriptor() {
        return nvmlDeviceGetTotalEccErrors.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetTotalEccErrors(void * device, unsigned int errorType, unsigned int counterType, void * eccCounts) }
     */
    public static MethodHandle nvmlDeviceGetTotalEccErrors$handle() {
        return nvmlDeviceGetTotalEccErrors.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetTotalEccErrors(void * device, unsigned int errorType, unsigned int counterType, void * eccCounts) }
     */
    public static MemorySegment nvmlDeviceGetTotalEccErrors$address() {
        return nvmlDeviceGetTotalEccErrors.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetTotalEccErrors(void * device, unsigned int errorType, unsigned int counterType, void * eccCounts) }
     */
    public static int nvmlDeviceGetTotalEccErrors(MemorySegment device, int errorType, int counterType, MemorySegment eccCounts) {
        var mh$ = nvmlDeviceGetTotalEccErrors.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetTotalEccErrors", device, errorType, counterType, eccCounts);
            }
            return (int)mh$.invokeExact(device, errorType, counterType, eccCounts);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetRetiredPages {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetRetiredPages");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetRetiredPages(void * device, nvmlPageRetirementCause_t cause, unsigned int * pageCount, unsigned long long * addresses) }
     */
    public static FunctionDescriptor nvmlDeviceGetRetiredPages$descriptor() {
        return nvmlDeviceGetRetiredPages.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetRetiredPages(void * device, nvmlPageRetirementCause_t cause, unsigned int * pageCount, unsigned long long * addresses) }
     */
    public static MethodHandle nvmlDeviceGetRetiredPages$handle() {
        return nvmlDeviceGetRetiredPages.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetRetiredPages(void * device, nvmlPageRetirementCause_t cause, unsigned int * pageCount, unsigned long long * addresses) }
     */
    public static MemorySegment nvmlDeviceGetRetiredPages$address() {
        return nvmlDeviceGetRetiredPages.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetRetiredPages(void * device, nvmlPageRetirementCause_t cause, unsigned int * pageCount, unsigned long long * addresses) }
     */
    public static int nvmlDeviceGetRetiredPages(MemorySegment device, int cause, MemorySegment pageCount, MemorySegment addresses) {
        var mh$ = nvmlDeviceGetRetiredPages.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetRetiredPages", device, cause, pageCount, addresses);
            }
            return (int)mh$.invokeExact(device, cause, pageCount, addresses);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetRetiredPagesPendingStatus {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetRetiredPagesPendingStatus");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetRetiredPagesPendingStatus(void * device, nvmlEnableState_t * isPending) }
     */
    public static FunctionDescriptor nvmlDeviceGetRetiredPagesPendingStatus$descriptor() {
        return nvmlDeviceGetRetiredPagesPendingStatus.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetRetiredPagesPendingStatus(void * device, nvmlEnableState_t * isPending) }
     */
    public static MethodHandle nvmlDeviceGetRetiredPagesPendingStatus$handle() {
        return nvmlDeviceGetRetiredPagesPendingStatus.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetRetiredPagesPendingStatus(void * device, nvmlEnableState_t * isPending) }
     */
    public static MemorySegment nvmlDeviceGetRetiredPagesPendingStatus$address() {
        return nvmlDeviceGetRetiredPagesPendingStatus.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetRetiredPagesPendingStatus(void * device, nvmlEnableState_t * isPending) }
     */
    public static int nvmlDeviceGetRetiredPagesPendingStatus(MemorySegment device, MemorySegment isPending) {
        var mh$ = nvmlDeviceGetRetiredPagesPendingStatus.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetRetiredPagesPendingStatus", device, isPending);
            }
            return (int)mh$.invokeExact(device, isPending);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetRemappedRows {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetRemappedRows");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetRemappedRows(void * device, unsigned int * corrRows, unsigned int * uncRows, unsigned int * isPending, unsigned int * failureOccurred) }
     */
    public static FunctionDescriptor nvmlDeviceGetRemappedRows$descriptor() {
        return nvmlDeviceGetRemappedRows.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetRemappedRows(void * device, unsigned int * corrRows, unsigned int * uncRows, unsigned int * isPending, unsigned int * failureOccurred) }
     */
    public static MethodHandle nvmlDeviceGetRemappedRows$handle() {
        return nvmlDeviceGetRemappedRows.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetRemappedRows(void * device, unsigned int * corrRows, unsigned int * uncRows, unsigned int * isPending, unsigned int * failureOccurred) }
     */
    public static MemorySegment nvmlDeviceGetRemappedRows$address() {
        return nvmlDeviceGetRemappedRows.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetRemappedRows(void * device, unsigned int * corrRows, unsigned int * uncRows, unsigned int * isPending, unsigned int * failureOccurred) }
     */
    public static int nvmlDeviceGetRemappedRows(MemorySegment device, MemorySegment corrRows, MemorySegment uncRows, MemorySegment isPending, MemorySegment failureOccurred) {
        var mh$ = nvmlDeviceGetRemappedRows.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetRemappedRows", device, corrRows, uncRows, isPending, failureOccurred);
            }
            return (int)mh$.invokeExact(device, corrRows, uncRows, isPending, failureOccurred);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetViolationStatus {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetViolationStatus");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetViolationStatus(void * device, nvmlPerfPolicyType_t perfPolicyType, nvmlViolationTime_t * violTime) }
     */
    public static FunctionDescriptor nvmlDeviceGetViolationStatus$descriptor() {
        return nvmlDeviceGetViolationStatus.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetViolationStatus(void * device, nvmlPerfPolicyType_t perfPolicyType, nvmlViolationTime_t * violTime) }
     */
    public static MethodHandle nvmlDeviceGetViolationStatus$handle() {
        return nvmlDeviceGetViolationStatus.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetViolationStatus(void * device, nvmlPerfPolicyType_t perfPolicyType, nvmlViolationTime_t * violTime) }
     */
    public static MemorySegment nvmlDeviceGetViolationStatus$address() {
        return nvmlDeviceGetViolationStatus.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetViolationStatus(void * device, nvmlPerfPolicyType_t perfPolicyType, nvmlViolationTime_t * violTime) }
     */
    public static int nvmlDeviceGetViolationStatus(MemorySegment device, int perfPolicyType, MemorySegment violTime) {
        var mh$ = nvmlDeviceGetViolationStatus.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetViolationStatus", device, perfPolicyType, violTime);
            }
            return (int)mh$.invokeExact(device, perfPolicyType, violTime);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetFieldValues {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetFieldValues");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetFieldValues(void * device, int valuesCount, nvmlFieldValue_t * values) }
     */
    public static FunctionDescriptor nvmlDeviceGetFieldValues$descriptor() {
        return nvmlDeviceGetFieldValues.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetFieldValues(void * device, int valuesCount, nvmlFieldValue_t * values) }
     */
    public static MethodHandle nvmlDeviceGetFieldValues$handle() {
        return nvmlDeviceGetFieldValues.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetFieldValues(void * device, int valuesCount, nvmlFieldValue_t * values) }
     */
    public static MemorySegment nvmlDeviceGetFieldValues$address() {
        return nvmlDeviceGetFieldValues.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetFieldValues(void * device, int valuesCount, nvmlFieldValue_t * values) }
     */
    public static int nvmlDeviceGetFieldValues(MemorySegment device, int valuesCount, MemorySegment values) {
        var mh$ = nvmlDeviceGetFieldValues.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetFieldValues", device, valuesCount, values);
            }
            return (int)mh$.invokeExact(device, valuesCount, values);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetNvLinkState {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetNvLinkState");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetNvLinkState(void * device, unsigned int link, nvmlEnableState_t * isActive) }
     */
    public static FunctionDescriptor nvmlDeviceGetNvLinkState$descriptor() {
        return nvmlDeviceGetNvLinkState.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetNvLinkState(void * device, unsigned int link, nvmlEnableState_t * isActive) }
     */
    public static MethodHandle nvmlDeviceGetNvLinkState$handle() {
        return nvmlDeviceGetNvLinkState.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetNvLinkState(void * device, unsigned int link, nvmlEnableState_t * isActive) }
     */
    public static MemorySegment nvmlDeviceGetNvLinkState$address() {
        return nvmlDeviceGetNvLinkState.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetNvLinkState(void * device, unsigned int link, nvmlEnableState_t * isActive) }
     */
    public static int nvmlDeviceGetNvLinkState(MemorySegment device, int link, MemorySegment isActive) {
        var mh$ = nvmlDeviceGetNvLinkState.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetNvLinkState", device, link, isActive);
            }
            return (int)mh$.invokeExact(device, link, isActive);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetNvLinkErrorCounter {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_INT,
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetNvLinkErrorCounter");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetNvLinkErrorCounter(void * device, unsigned int link, nvmlNvLinkErrorCounter_t counter, unsigned long long * counterValue) }
     */
    public static FunctionDescriptor nvmlDeviceGetNvLinkErrorCounter$descriptor() {
        return nvmlDeviceGetNvLinkErrorCounter.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetNvLinkErrorCounter(void * device, unsigned int link, nvmlNvLinkErrorCounter_t counter, unsigned long long * counterValue) }
     */
    public static MethodHandle nvmlDeviceGetNvLinkErrorCounter$handle() {
        return nvmlDeviceGetNvLinkErrorCounter.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetNvLinkErrorCounter(void * device, unsigned int link, nvmlNvLinkErrorCounter_t counter, unsigned long long * counterValue) }
     */
    public static MemorySegment nvmlDeviceGetNvLinkErrorCounter$address() {
        return nvmlDeviceGetNvLinkErrorCounter.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetNvLinkErrorCounter(void * device, unsigned int link, nvmlNvLinkErrorCounter_t counter, unsigned long long * counterValue) }
     */
    public static int nvmlDeviceGetNvLinkErrorCounter(MemorySegment device, int link, int counter, MemorySegment counterValue) {
        var mh$ = nvmlDeviceGetNvLinkErrorCounter.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetNvLinkErrorCounter", device, link, counter, counterValue);
            }
            return (int)mh$.invokeExact(device, link, counter, counterValue);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetMigMode {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetMigMode");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMigMode(void * device, void * currentMode, void * pendingMode) }
     */
    public static FunctionDescriptor nvmlDeviceGetMigMode$descriptor() {
        return nvmlDeviceGetMigMode.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMigMode(void * device, void * currentMode, void * pendingMode) }
     */
    public static MethodHandle nvmlDeviceGetMigMode$handle() {
        return nvmlDeviceGetMigMode.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMigMode(void * device, void * currentMode, void * pendingMode) }
     */
    public static MemorySegment nvmlDeviceGetMigMode$address() {
        return nvmlDeviceGetMigMode.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMigMode(void * device, void * currentMode, void * pendingMode) }
     */
    public static int nvmlDeviceGetMigMode(MemorySegment device, MemorySegment currentMode, MemorySegment pendingMode) {
        var mh$ = nvmlDeviceGetMigMode.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetMigMode", device, currentMode, pendingMode);
            }
            return (int)mh$.invokeExact(device, currentMode, pendingMode);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetMaxMigDeviceCount {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetMaxMigDeviceCount");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMaxMigDeviceCount(void * device, void * count) }
     */
    public static FunctionDescriptor nvmlDeviceGetMaxMigDeviceCount$descriptor() {
        return nvmlDeviceGetMaxMigDeviceCount.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMaxMigDeviceCount(void * device, void * count) }
     */
    public static MethodHandle nvmlDeviceGetMaxMigDeviceCount$handle() {
        return nvmlDeviceGetMaxMigDeviceCount.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMaxMigDeviceCount(void * device, void * count) }
     */
    public static MemorySegment nvmlDeviceGetMaxMigDeviceCount$address() {
        return nvmlDeviceGetMaxMigDeviceCount.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMaxMigDeviceCount(void * device, void * count) }
     */
    public static int nvmlDeviceGetMaxMigDeviceCount(MemorySegment device, MemorySegment count) {
        var mh$ = nvmlDeviceGetMaxMigDeviceCount.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetMaxMigDeviceCount", device, count);
            }
            return (int)mh$.invokeExact(device, count);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetMigDeviceHandleByIndex {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetMigDeviceHandleByIndex");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMigDeviceHandleByIndex(void * device, unsigned int index, void * migDevice) }
     */
    public static FunctionDescriptor nvmlDeviceGetMigDeviceHandleByIndex$descriptor() {
        return nvmlDeviceGetMigDeviceHandleByIndex.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMigDeviceHandleByIndex(void * device, unsigned int index, void * migDevice) }
     */
    public static MethodHandle nvmlDeviceGetMigDeviceHandleByIndex$handle() {
        return nvmlDeviceGetMigDeviceHandleByIndex.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMigDeviceHandleByIndex(void * device, unsigned int index, void * migDevice) }
     */
    public static MemorySegment nvmlDeviceGetMigDeviceHandleByIndex$address() {
        return nvmlDeviceGetMigDeviceHandleByIndex.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMigDeviceHandleByIndex(void * device, unsigned int index, void * migDevice) }
     */
    public static int nvmlDeviceGetMigDeviceHandleByIndex(MemorySegment device, int index, MemorySegment migDevice) {
        var mh$ = nvmlDeviceGetMigDeviceHandleByIndex.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetMigDeviceHandleByIndex", device, index, migDevice);
            }
            return (int)mh$.invokeExact(device, index, migDevice);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceIsMigDeviceHandle {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceIsMigDeviceHandle");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceIsMigDeviceHandle(void * device, void * isMigDevice) }
     */
    public static FunctionDescriptor nvmlDeviceIsMigDeviceHandle$descriptor() {
        return nvmlDeviceIsMigDeviceHandle.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceIsMigDeviceHandle(void * device, void * isMigDevice) }
     */
    public static MethodHandle nvmlDeviceIsMigDeviceHandle$handle() {
        return nvmlDeviceIsMigDeviceHandle.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceIsMigDeviceHandle(void * device, void * isMigDevice) }
     */
    public static MemorySegment nvmlDeviceIsMigDeviceHandle$address() {
        return nvmlDeviceIsMigDeviceHandle.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceIsMigDeviceHandle(void * device, void * isMigDevice) }
     */
    public static int nvmlDeviceIsMigDeviceHandle(MemorySegment device, MemorySegment isMigDevice) {
        var mh$ = nvmlDeviceIsMigDeviceHandle.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceIsMigDeviceHandle", device, isMigDevice);
            }
            return (int)mh$.invokeExact(device, isMigDevice);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetGpuInstanceId {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetGpuInstanceId");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetGpuInstanceId(void * device, void * id) }
     */
    public static FunctionDescriptor nvmlDeviceGetGpuInstanceId$descriptor() {
        return nvmlDeviceGetGpuInstanceId.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetGpuInstanceId(void * device, void * id) }
     */
    public static MethodHandle nvmlDeviceGetGpuInstanceId$handle() {
        return nvmlDeviceGetGpuInstanceId.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetGpuInstanceId(void * device, void * id) }
     */
    public static MemorySegment nvmlDeviceGetGpuInstanceId$address() {
        return nvmlDeviceGetGpuInstanceId.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetGpuInstanceId(void * device, void * id) }
     */
    public static int nvmlDeviceGetGpuInstanceId(MemorySegment device, MemorySegment id) {
        var mh$ = nvmlDeviceGetGpuInstanceId.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetGpuInstanceId", device, id);
            }
            return (int)mh$.invokeExact(device, id);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetComputeInstanceId {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetComputeInstanceId");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetComputeInstanceId(void * device, void * id) }
     */
    public static FunctionDescriptor nvmlDeviceGetComputeInstanceId$descriptor() {
        return nvmlDeviceGetComputeInstanceId.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetComputeInstanceId(void * device, void * id) }
     */
    public static MethodHandle nvmlDeviceGetComputeInstanceId$handle() {
        return nvmlDeviceGetComputeInstanceId.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetComputeInstanceId(void * device, void * id) }
     */
    public static MemorySegment nvmlDeviceGetComputeInstanceId$address() {
        return nvmlDeviceGetComputeInstanceId.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetComputeInstanceId(void * device, void * id) }
     */
    public static int nvmlDeviceGetComputeInstanceId(MemorySegment device, MemorySegment id) {
        var mh$ = nvmlDeviceGetComputeInstanceId.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetComputeInstanceId", device, id);
            }
            return (int)mh$.invokeExact(device, id);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetDeviceHandleFromMigDeviceHandle {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetDeviceHandleFromMigDeviceHandle");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetDeviceHandleFromMigDeviceHandle(void * migDevice, void * device) }
     */
    public static FunctionDescriptor nvmlDeviceGetDeviceHandleFromMigDeviceHandle$descriptor() {
        return nvmlDeviceGetDeviceHandleFromMigDeviceHandle.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetDeviceHandleFromMigDeviceHandle(void * migDevice, void * device) }
     */
    public static MethodHandle nvmlDeviceGetDeviceHandleFromMigDeviceHandle$handle() {
        return nvmlDeviceGetDeviceHandleFromMigDeviceHandle.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetDeviceHandleFromMigDeviceHandle(void * migDevice, void * device) }
     */
    public static MemorySegment nvmlDeviceGetDeviceHandleFromMigDeviceHandle$address() {
        return nvmlDeviceGetDeviceHandleFromMigDeviceHandle.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetDeviceHandleFromMigDeviceHandle(void * migDevice, void * device) }
     */
    public static int nvmlDeviceGetDeviceHandleFromMigDeviceHandle(MemorySegment migDevice, MemorySegment device) {
        var mh$ = nvmlDeviceGetDeviceHandleFromMigDeviceHandle.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetDeviceHandleFromMigDeviceHandle", migDevice, device);
            }
            return (int)mh$.invokeExact(migDevice, device);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetComputeRunningProcesses_v3 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetComputeRunningProcesses_v3");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(void * device, void * infoCount, void * infos) }
     */
    public static FunctionDescriptor nvmlDeviceGetComputeRunningProcesses_v3$descriptor() {
        return nvmlDeviceGetComputeRunningProcesses_v3.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(void * device, void * infoCount, void * infos) }
     */
    public static MethodHandle nvmlDeviceGetComputeRunningProcesses_v3$handle() {
        return nvmlDeviceGetComputeRunningProcesses_v3.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(void * device, void * infoCount, void * infos) }
     */
    public static MemorySegment nvmlDeviceGetComputeRunningProcesses_v3$address() {
        return nvmlDeviceGetComputeRunningProcesses_v3.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(void * device, void * infoCount, void * infos) }
     */
    public static int nvmlDeviceGetComputeRunningProcesses_v3(MemorySegment device, MemorySegment infoCount, MemorySegment infos) {
        var mh$ = nvmlDeviceGetComputeRunningProcesses_v3.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetComputeRunningProcesses_v3", device, infoCount, infos);
            }
            return (int)mh$.invokeExact(device, infoCount, infos);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetGraphicsRunningProcesses_v3 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetGraphicsRunningProcesses_v3");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetGraphicsRunningProcesses_v3(void * device, void * infoCount, void * infos) }
     */
    public static FunctionDescriptor nvmlDeviceGetGraphicsRunningProcesses_v3$descriptor() {
        return nvmlDeviceGetGraphicsRunningProcesses_v3.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetGraphicsRunningProcesses_v3(void * device, void * infoCount, void * infos) }
     */
    public static MethodHandle nvmlDeviceGetGraphicsRunningProcesses_v3$handle() {
        return nvmlDeviceGetGraphicsRunningProcesses_v3.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetGraphicsRunningProcesses_v3(void * device, void * infoCount, void * infos) }
     */
    public static MemorySegment nvmlDeviceGetGraphicsRunningProcesses_v3$address() {
        return nvmlDeviceGetGraphicsRunningProcesses_v3.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetGraphicsRunningProcesses_v3(void * device, void * infoCount, void * infos) }
     */
    public static int nvmlDeviceGetGraphicsRunningProcesses_v3(MemorySegment device, MemorySegment infoCount, MemorySegment infos) {
        var mh$ = nvmlDeviceGetGraphicsRunningProcesses_v3.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetGraphicsRunningProcesses_v3", device, infoCount, infos);
            }
            return (int)mh$.invokeExact(device, infoCount, infos);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetMPSComputeRunningProcesses_v3 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetMPSComputeRunningProcesses_v3");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMPSComputeRunningProcesses_v3(void * device, void * infoCount, void * infos) }
     */
    public static FunctionDescriptor nvmlDeviceGetMPSComputeRunningProcesses_v3$descriptor() {
        return nvmlDeviceGetMPSComputeRunningProcesses_v3.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMPSComputeRunningProcesses_v3(void * device, void * infoCount, void * infos) }
     */
    public static MethodHandle nvmlDeviceGetMPSComputeRunningProcesses_v3$handle() {
        return nvmlDeviceGetMPSComputeRunningProcesses_v3.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMPSComputeRunningProcesses_v3(void * device, void * infoCount, void * infos) }
     */
    public static MemorySegment nvmlDeviceGetMPSComputeRunningProcesses_v3$address() {
        return nvmlDeviceGetMPSComputeRunningProcesses_v3.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetMPSComputeRunningProcesses_v3(void * device, void * infoCount, void * infos) }
     */
    public static int nvmlDeviceGetMPSComputeRunningProcesses_v3(MemorySegment device, MemorySegment infoCount, MemorySegment infos) {
        var mh$ = nvmlDeviceGetMPSComputeRunningProcesses_v3.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetMPSComputeRunningProcesses_v3", device, infoCount, infos);
            }
            return (int)mh$.invokeExact(device, infoCount, infos);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetProcessUtilization {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER,
            nvml_h.C_LONG_LONG
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetProcessUtilization");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetProcessUtilization(void * device, void * utilization, void * processSamplesCount, unsigned long long lastSeenTimeStamp) }
     */
    public static FunctionDescriptor nvmlDeviceGetProcessUtilization$descriptor() {
        return nvmlDeviceGetProcessUtilization.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetProcessUtilization(void * device, void * utilization, void * processSamplesCount, unsigned long long lastSeenTimeStamp) }
     */
    public static MethodHandle nvmlDeviceGetProcessUtilization$handle() {
        return nvmlDeviceGetProcessUtilization.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetProcessUtilization(void * device, void * utilization, void * processSamplesCount, unsigned long long lastSeenTimeStamp) }
     */
    public static MemorySegment nvmlDeviceGetProcessUtilization$address() {
        return nvmlDeviceGetProcessUtilization.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetProcessUtilization(void * device, void * utilization, void * processSamplesCount, unsigned long long lastSeenTimeStamp) }
     */
    public static int nvmlDeviceGetProcessUtilization(MemorySegment device, MemorySegment utilization, MemorySegment processSamplesCount, long lastSeenTimeStamp) {
        var mh$ = nvmlDeviceGetProcessUtilization.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetProcessUtilization", device, utilization, processSamplesCount, lastSeenTimeStamp);
            }
            return (int)mh$.invokeExact(device, utilization, processSamplesCount, lastSeenTimeStamp);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlEventSetCreate {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlEventSetCreate");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlEventSetCreate(void * set) }
     */
    public static FunctionDescriptor nvmlEventSetCreate$descriptor() {
        return nvmlEventSetCreate.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlEventSetCreate(void * set) }
     */
    public static MethodHandle nvmlEventSetCreate$handle() {
        return nvmlEventSetCreate.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlEventSetCreate(void * set) }
     */
    public static MemorySegment nvmlEventSetCreate$address() {
        return nvmlEventSetCreate.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlEventSetCreate(void * set) }
     */
    public static int nvmlEventSetCreate(MemorySegment set) {
        var mh$ = nvmlEventSetCreate.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlEventSetCreate", set);
            }
            return (int)mh$.invokeExact(set);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceGetSupportedEventTypes {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceGetSupportedEventTypes");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetSupportedEventTypes(void * device, void * eventTypes) }
     */
    public static FunctionDescriptor nvmlDeviceGetSupportedEventTypes$descriptor() {
        return nvmlDeviceGetSupportedEventTypes.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetSupportedEventTypes(void * device, void * eventTypes) }
     */
    public static MethodHandle nvmlDeviceGetSupportedEventTypes$handle() {
        return nvmlDeviceGetSupportedEventTypes.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceGetSupportedEventTypes(void * device, void * eventTypes) }
     */
    public static MemorySegment nvmlDeviceGetSupportedEventTypes$address() {
        return nvmlDeviceGetSupportedEventTypes.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceGetSupportedEventTypes(void * device, void * eventTypes) }
     */
    public static int nvmlDeviceGetSupportedEventTypes(MemorySegment device, MemorySegment eventTypes) {
        var mh$ = nvmlDeviceGetSupportedEventTypes.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceGetSupportedEventTypes", device, eventTypes);
            }
            return (int)mh$.invokeExact(device, eventTypes);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlDeviceRegisterEvents {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_LONG_LONG,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlDeviceRegisterEvents");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlDeviceRegisterEvents(void * device, unsigned long long eventTypes, void * set) }
     */
    public static FunctionDescriptor nvmlDeviceRegisterEvents$descriptor() {
        return nvmlDeviceRegisterEvents.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlDeviceRegisterEvents(void * device, unsigned long long eventTypes, void * set) }
     */
    public static MethodHandle nvmlDeviceRegisterEvents$handle() {
        return nvmlDeviceRegisterEvents.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlDeviceRegisterEvents(void * device, unsigned long long eventTypes, void * set) }
     */
    public static MemorySegment nvmlDeviceRegisterEvents$address() {
        return nvmlDeviceRegisterEvents.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlDeviceRegisterEvents(void * device, unsigned long long eventTypes, void * set) }
     */
    public static int nvmlDeviceRegisterEvents(MemorySegment device, long eventTypes, MemorySegment set) {
        var mh$ = nvmlDeviceRegisterEvents.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlDeviceRegisterEvents", device, eventTypes, set);
            }
            return (int)mh$.invokeExact(device, eventTypes, set);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlEventSetWait_v2 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER,
            nvml_h.C_INT
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlEventSetWait_v2");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlEventSetWait_v2(void * set, void * data, unsigned int timeoutms) }
     */
    public static FunctionDescriptor nvmlEventSetWait_v2$descriptor() {
        return nvmlEventSetWait_v2.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlEventSetWait_v2(void * set, void * data, unsigned int timeoutms) }
     */
    public static MethodHandle nvmlEventSetWait_v2$handle() {
        return nvmlEventSetWait_v2.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlEventSetWait_v2(void * set, void * data, unsigned int timeoutms) }
     */
    public static MemorySegment nvmlEventSetWait_v2$address() {
        return nvmlEventSetWait_v2.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlEventSetWait_v2(void * set, void * data, unsigned int timeoutms) }
     */
    public static int nvmlEventSetWait_v2(MemorySegment set, MemorySegment data, int timeoutms) {
        var mh$ = nvmlEventSetWait_v2.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlEventSetWait_v2", set, data, timeoutms);
            }
            return (int)mh$.invokeExact(set, data, timeoutms);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlEventSetFree {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlEventSetFree");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlEventSetFree(void * set) }
     */
    public static FunctionDescriptor nvmlEventSetFree$descriptor() {
        return nvmlEventSetFree.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlEventSetFree(void * set) }
     */
    public static MethodHandle nvmlEventSetFree$handle() {
        return nvmlEventSetFree.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlEventSetFree(void * set) }
     */
    public static MemorySegment nvmlEventSetFree$address() {
        return nvmlEventSetFree.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlEventSetFree(void * set) }
     */
    public static int nvmlEventSetFree(MemorySegment set) {
        var mh$ = nvmlEventSetFree.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlEventSetFree", set);
            }
            return (int)mh$.invokeExact(set);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlGpmMetricsGet {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlGpmMetricsGet");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlGpmMetricsGet(void * metricsGet) }
     */
    public static FunctionDescriptor nvmlGpmMetricsGet$descriptor() {
        return nvmlGpmMetricsGet.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlGpmMetricsGet(void * metricsGet) }
     */
    public static MethodHandle nvmlGpmMetricsGet$handle() {
        return nvmlGpmMetricsGet.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlGpmMetricsGet(void * metricsGet) }
     */
    public static MemorySegment nvmlGpmMetricsGet$address() {
        return nvmlGpmMetricsGet.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlGpmMetricsGet(void * metricsGet) }
     */
    public static int nvmlGpmMetricsGet(MemorySegment metricsGet) {
        var mh$ = nvmlGpmMetricsGet.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlGpmMetricsGet", metricsGet);
            }
            return (int)mh$.invokeExact(metricsGet);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlGpmSampleFree {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlGpmSampleFree");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlGpmSampleFree(void * gpmSample) }
     */
    public static FunctionDescriptor nvmlGpmSampleFree$descriptor() {
        return nvmlGpmSampleFree.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlGpmSampleFree(void * gpmSample) }
     */
    public static MethodHandle nvmlGpmSampleFree$handle() {
        return nvmlGpmSampleFree.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlGpmSampleFree(void * gpmSample) }
     */
    public static MemorySegment nvmlGpmSampleFree$address() {
        return nvmlGpmSampleFree.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlGpmSampleFree(void * gpmSample) }
     */
    public static int nvmlGpmSampleFree(MemorySegment gpmSample) {
        var mh$ = nvmlGpmSampleFree.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlGpmSampleFree", gpmSample);
            }
            return (int)mh$.invokeExact(gpmSample);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlGpmSampleAlloc {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlGpmSampleAlloc");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlGpmSampleAlloc(void * gpmSample) }
     */
    public static FunctionDescriptor nvmlGpmSampleAlloc$descriptor() {
        return nvmlGpmSampleAlloc.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlGpmSampleAlloc(void * gpmSample) }
     */
    public static MethodHandle nvmlGpmSampleAlloc$handle() {
        return nvmlGpmSampleAlloc.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlGpmSampleAlloc(void * gpmSample) }
     */
    public static MemorySegment nvmlGpmSampleAlloc$address() {
        return nvmlGpmSampleAlloc.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlGpmSampleAlloc(void * gpmSample) }
     */
    public static int nvmlGpmSampleAlloc(MemorySegment gpmSample) {
        var mh$ = nvmlGpmSampleAlloc.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlGpmSampleAlloc", gpmSample);
            }
            return (int)mh$.invokeExact(gpmSample);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlGpmSampleGet {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlGpmSampleGet");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlGpmSampleGet(void * device, void * gpmSample) }
     */
    public static FunctionDescriptor nvmlGpmSampleGet$descriptor() {
        return nvmlGpmSampleGet.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlGpmSampleGet(void * device, void * gpmSample) }
     */
    public static MethodHandle nvmlGpmSampleGet$handle() {
        return nvmlGpmSampleGet.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlGpmSampleGet(void * device, void * gpmSample) }
     */
    public static MemorySegment nvmlGpmSampleGet$address() {
        return nvmlGpmSampleGet.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlGpmSampleGet(void * device, void * gpmSample) }
     */
    public static int nvmlGpmSampleGet(MemorySegment device, MemorySegment gpmSample) {
        var mh$ = nvmlGpmSampleGet.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlGpmSampleGet", device, gpmSample);
            }
            return (int)mh$.invokeExact(device, gpmSample);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlGpmQueryDeviceSupport {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlGpmQueryDeviceSupport");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlGpmQueryDeviceSupport(void * device, void * gpmSupport) }
     */
    public static FunctionDescriptor nvmlGpmQueryDeviceSupport$descriptor() {
        return nvmlGpmQueryDeviceSupport.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlGpmQueryDeviceSupport(void * device, void * gpmSupport) }
     */
    public static MethodHandle nvmlGpmQueryDeviceSupport$handle() {
        return nvmlGpmQueryDeviceSupport.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlGpmQueryDeviceSupport(void * device, void * gpmSupport) }
     */
    public static MemorySegment nvmlGpmQueryDeviceSupport$address() {
        return nvmlGpmQueryDeviceSupport.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlGpmQueryDeviceSupport(void * device, void * gpmSupport) }
     */
    public static int nvmlGpmQueryDeviceSupport(MemorySegment device, MemorySegment gpmSupport) {
        var mh$ = nvmlGpmQueryDeviceSupport.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlGpmQueryDeviceSupport", device, gpmSupport);
            }
            return (int)mh$.invokeExact(device, gpmSupport);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class nvmlGpmMigSampleGet {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            nvml_h.C_INT,
            nvml_h.C_POINTER,
            nvml_h.C_INT,
            nvml_h.C_POINTER
        );

        public static final MemorySegment ADDR = nvml_h.findOrThrow("nvmlGpmMigSampleGet");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for: {@snippet lang=c : nvmlReturn_t nvmlGpmMigSampleGet(void * device, unsigned int gpuInstanceId, void * gpmSample) }
     */
    public static FunctionDescriptor nvmlGpmMigSampleGet$descriptor() {
        return nvmlGpmMigSampleGet.DESC;
    }

    /**
     * Downcall method handle for: {@snippet lang=c : nvmlReturn_t nvmlGpmMigSampleGet(void * device, unsigned int gpuInstanceId, void * gpmSample) }
     */
    public static MethodHandle nvmlGpmMigSampleGet$handle() {
        return nvmlGpmMigSampleGet.HANDLE;
    }

    /**
     * Address for: {@snippet lang=c : nvmlReturn_t nvmlGpmMigSampleGet(void * device, unsigned int gpuInstanceId, void * gpmSample) }
     */
    public static MemorySegment nvmlGpmMigSampleGet$address() {
        return nvmlGpmMigSampleGet.ADDR;
    }

    /**
     * {@snippet lang=c : nvmlReturn_t nvmlGpmMigSampleGet(void * device, unsigned int gpuInstanceId, void * gpmSample) }
     */
    public static int nvmlGpmMigSampleGet(MemorySegment device, int gpuInstanceId, MemorySegment gpmSample) {
        var mh$ = nvmlGpmMigSampleGet.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("nvmlGpmMigSampleGet", device, gpuInstanceId, gpmSample);
            }
            return (int)mh$.invokeExact(device, gpuInstanceId, gpmSample);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }
}
