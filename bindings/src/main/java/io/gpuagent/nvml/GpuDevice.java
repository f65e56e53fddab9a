package io.gpuagent.nvml;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.gpuagent.nvml.raw.nvml_h;
import io.gpuagent.nvml.raw.nvmlFieldValue_t;
import io.gpuagent.nvml.raw.nvmlMemory_t;
import io.gpuagent.nvml.raw.nvmlMemory_v2_t;
import io.gpuagent.nvml.raw.nvmlPciInfo_t;
import io.gpuagent.nvml.raw.nvmlUtilization_t;
import io.gpuagent.nvml.raw.nvmlValue_t;
import io.gpuagent.nvml.raw.nvmlViolationTime_t;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One NVML device handle: a full GPU or a MIG instance (NVML uses the same handle type for both).
 *
 * <p>Readers return an empty optional where the device answers NOT_SUPPORTED or the driver lacks the
 * function, and throw {@link NvmlException} for any other failure (GPU_IS_LOST among them). Each call
 * allocates its out-parameters in a confined arena closed before it returns: nothing outlives a call.
 */
public final class GpuDevice {

    private final Nvml nvml;
    private final MemorySegment handle;
    private final int index;
    private final boolean mig;

    GpuDevice(Nvml nvml, MemorySegment handle, int index, boolean mig) {
        this.nvml = nvml;
        this.handle = handle;
        this.index = index;
        this.mig = mig;
    }

    /** A native call writing its result through one out-pointer. */
    @FunctionalInterface
    private interface OutCall {
        int call(MemorySegment out);
    }

    /** NVML index of the GPU, or of the parent GPU for a MIG instance. */
    public int index() {
        return index;
    }

    public boolean isMig() {
        return mig;
    }

    MemorySegment handle() {
        return handle;
    }

    Nvml nvml() {
        return nvml;
    }

    public String uuid() {
        return string("nvmlDeviceGetUUID", nvml_h.NVML_DEVICE_UUID_V2_BUFFER_SIZE(),
                (buf, len) -> nvml_h.nvmlDeviceGetUUID(handle, buf, len));
    }

    public String name() {
        return string("nvmlDeviceGetName", nvml_h.NVML_DEVICE_NAME_V2_BUFFER_SIZE(),
                (buf, len) -> nvml_h.nvmlDeviceGetName(handle, buf, len));
    }

    /** The N of {@code /dev/nvidiaN}. */
    public OptionalLong minorNumber() {
        return uint("nvmlDeviceGetMinorNumber", out -> nvml_h.nvmlDeviceGetMinorNumber(handle, out));
    }

    public PciInfo pciInfo() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = nvmlPciInfo_t.allocate(arena);
            Calls.check("nvmlDeviceGetPciInfo_v3", nvml_h.nvmlDeviceGetPciInfo_v3(handle, p));
            return new PciInfo(Calls.string(nvmlPciInfo_t.busId(p)),
                    Integer.toUnsignedLong(nvmlPciInfo_t.domain(p)), Integer.toUnsignedLong(nvmlPciInfo_t.bus(p)),
                    Integer.toUnsignedLong(nvmlPciInfo_t.device(p)), Integer.toUnsignedLong(nvmlPciInfo_t.pciDeviceId(p)),
                    Integer.toUnsignedLong(nvmlPciInfo_t.pciSubSystemId(p)));
        }
    }

    public Optional<Utilization> utilization() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment u = nvmlUtilization_t.allocate(arena);
            if (!Calls.supported("nvmlDeviceGetUtilizationRates", nvml_h.nvmlDeviceGetUtilizationRates(handle, u))) {
                return Optional.empty();
            }
            return Optional.of(new Utilization(nvmlUtilization_t.gpu(u), nvmlUtilization_t.memory(u)));
        }
    }

    /** Framebuffer memory: the v2 query (with reserved) where the driver has it, else v1. */
    public Optional<MemoryInfo> memory() {
        try (Arena arena = Arena.ofConfined()) {
            if (nvml.symbols().has("nvmlDeviceGetMemoryInfo_v2")) {
                MemorySegment m = nvmlMemory_v2_t.allocate(arena);
                nvmlMemory_v2_t.version(m, nvml_h.nvmlMemory_v2());
                int rc = nvml_h.nvmlDeviceGetMemoryInfo_v2(handle, m);
                // Some drivers export _v2 but reject the version on some devices: fall back to v1.
                if (rc != nvml_h.NVML_ERROR_ARGUMENT_VERSION_MISMATCH() && rc != nvml_h.NVML_ERROR_FUNCTION_NOT_FOUND()) {
                    if (!Calls.supported("nvmlDeviceGetMemoryInfo_v2", rc)) {
                        return Optional.empty();
                    }
                    return Optional.of(new MemoryInfo(nvmlMemory_v2_t.total(m), nvmlMemory_v2_t.used(m),
                            nvmlMemory_v2_t.free(m), OptionalLong.of(nvmlMemory_v2_t.reserved(m))));
                }
            }
            MemorySegment m = nvmlMemory_t.allocate(arena);
            if (!Calls.supported("nvmlDeviceGetMemoryInfo", nvml_h.nvmlDeviceGetMemoryInfo(handle, m))) {
                return Optional.empty();
            }
            return Optional.of(new MemoryInfo(nvmlMemory_t.total(m), nvmlMemory_t.used(m), nvmlMemory_t.free(m),
                    OptionalLong.empty()));
        }
    }

    /** GPU core temperature, °C. */
    public OptionalLong temperature() {
        return uint("nvmlDeviceGetTemperature",
                out -> nvml_h.nvmlDeviceGetTemperature(handle, nvml_h.NVML_TEMPERATURE_GPU(), out));
    }

    /** Device memory (HBM) temperature, °C: field {@code NVML_FI_DEV_MEMORY_TEMP} of nvmlDeviceGetFieldValues. */
    public OptionalLong memoryTemperature() {
        return fieldValue("NVML_FI_DEV_MEMORY_TEMP", nvml_h.NVML_FI_DEV_MEMORY_TEMP());
    }

    /**
     * One field of {@code nvmlDeviceGetFieldValues} as an integer: empty when the call or the field answers
     * NOT_SUPPORTED (or the driver lacks the function); a field's other errors throw like a call's.
     */
    private OptionalLong fieldValue(String name, int fieldId) {
        String function = "nvmlDeviceGetFieldValues";
        if (!nvml.symbols().has(function)) {
            return OptionalLong.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment f = nvmlFieldValue_t.allocate(arena);
            nvmlFieldValue_t.fieldId(f, fieldId);
            if (!Calls.supported(function, nvml_h.nvmlDeviceGetFieldValues(handle, 1, f))
                    || !Calls.supported(function + "(" + name + ")", nvmlFieldValue_t.nvmlReturn(f))) {
                return OptionalLong.empty();
            }
            MemorySegment v = nvmlFieldValue_t.value(f);
            int type = nvmlFieldValue_t.valueType(f);
            if (type == nvml_h.NVML_VALUE_TYPE_UNSIGNED_INT()) {
                return OptionalLong.of(Integer.toUnsignedLong(nvmlValue_t.uiVal(v)));
            } else if (type == nvml_h.NVML_VALUE_TYPE_DOUBLE()) {
                return OptionalLong.of(Math.round(nvmlValue_t.dVal(v)));
            } else if (type == nvml_h.NVML_VALUE_TYPE_UNSIGNED_LONG()) {
                return OptionalLong.of(nvmlValue_t.ulVal(v));
            } else if (type == nvml_h.NVML_VALUE_TYPE_UNSIGNED_LONG_LONG()) {
                return OptionalLong.of(nvmlValue_t.ullVal(v));
            } else if (type == nvml_h.NVML_VALUE_TYPE_SIGNED_LONG_LONG()) {
                return OptionalLong.of(nvmlValue_t.sllVal(v));
            }
            throw new NvmlException(function + "(" + name + ")", nvml_h.NVML_ERROR_UNKNOWN(),
                    "unknown value type " + type);
        }
    }

    /** Power draw in milliwatts. */
    public OptionalLong powerUsage() {
        return uint("nvmlDeviceGetPowerUsage", out -> nvml_h.nvmlDeviceGetPowerUsage(handle, out));
    }

    /** Enforced power limit in milliwatts. */
    public OptionalLong enforcedPowerLimit() {
        return uint("nvmlDeviceGetEnforcedPowerLimit", out -> nvml_h.nvmlDeviceGetEnforcedPowerLimit(handle, out));
    }

    /** Energy since the driver was loaded, millijoules (Volta and newer). */
    public OptionalLong totalEnergyConsumption() {
        return u64("nvmlDeviceGetTotalEnergyConsumption",
                out -> nvml_h.nvmlDeviceGetTotalEnergyConsumption(handle, out));
    }

    /** Number of fans; empty on a board without fans of its own (passively cooled) or an older driver. */
    public OptionalLong fanCount() {
        return uint("nvmlDeviceGetNumFans", out -> nvml_h.nvmlDeviceGetNumFans(handle, out));
    }

    /** Intended speed of fan {@code fan} (0-based), percent of its maximum; may exceed 100. */
    public OptionalLong fanSpeed(int fan) {
        return uint("nvmlDeviceGetFanSpeed_v2", out -> nvml_h.nvmlDeviceGetFanSpeed_v2(handle, fan, out));
    }

    /** Current clock in MHz. */
    public OptionalLong clock(ClockType type) {
        return uint("nvmlDeviceGetClockInfo", out -> nvml_h.nvmlDeviceGetClockInfo(handle, type.value, out));
    }

    /** The P-state number (0 = maximum performance); empty when unknown (32). */
    public OptionalLong performanceState() {
        OptionalLong p = uint("nvmlDeviceGetPerformanceState", out -> nvml_h.nvmlDeviceGetPerformanceState(handle, out));
        return p.isPresent() && p.getAsLong() > 15 ? OptionalLong.empty() : p;
    }

    /** Bitmask of {@code nvmlClocksThrottleReason*} (clock event reasons in newer headers). */
    public OptionalLong clocksEventReasons() {
        return u64("nvmlDeviceGetCurrentClocksThrottleReasons",
                out -> nvml_h.nvmlDeviceGetCurrentClocksThrottleReasons(handle, out));
    }

    /** Encoder utilization, percent. */
    public OptionalLong encoderUtilization() {
        return uint("nvmlDeviceGetEncoderUtilization", out -> {
            try (Arena arena = Arena.ofConfined()) {
                return nvml_h.nvmlDeviceGetEncoderUtilization(handle, out, arena.allocate(JAVA_INT));
            }
        });
    }

    /** Decoder utilization, percent. */
    public OptionalLong decoderUtilization() {
        return uint("nvmlDeviceGetDecoderUtilization", out -> {
            try (Arena arena = Arena.ofConfined()) {
                return nvml_h.nvmlDeviceGetDecoderUtilization(handle, out, arena.allocate(JAVA_INT));
            }
        });
    }

    /** PCIe throughput over NVML's 20 ms sample, KB/s; {@code transmit} = TX, else RX. */
    public OptionalLong pcieThroughput(boolean transmit) {
        int counter = transmit ? nvml_h.NVML_PCIE_UTIL_TX_BYTES() : nvml_h.NVML_PCIE_UTIL_RX_BYTES();
        return uint("nvmlDeviceGetPcieThroughput", out -> nvml_h.nvmlDeviceGetPcieThroughput(handle, counter, out));
    }

    public OptionalLong pcieReplayCounter() {
        return uint("nvmlDeviceGetPcieReplayCounter", out -> nvml_h.nvmlDeviceGetPcieReplayCounter(handle, out));
    }

    /**
     * The PCIe generation the link runs at now (1 = 2.5 GT/s ... 5 = 32 GT/s). Drivers lower it at idle to save
     * power, so below {@link #pcieLinkMaxGeneration()} is normal for an idle GPU.
     */
    public OptionalLong pcieLinkGeneration() {
        return uint("nvmlDeviceGetCurrPcieLinkGeneration",
                out -> nvml_h.nvmlDeviceGetCurrPcieLinkGeneration(handle, out));
    }

    /** The highest PCIe generation this GPU and its slot both support (the lower of the two). */
    public OptionalLong pcieLinkMaxGeneration() {
        return uint("nvmlDeviceGetMaxPcieLinkGeneration",
                out -> nvml_h.nvmlDeviceGetMaxPcieLinkGeneration(handle, out));
    }

    /**
     * The lanes the PCIe link runs with now. Unlike the generation it does not drop at idle: below
     * {@link #pcieLinkMaxWidth()} the link trained narrower (a badly seated card, a damaged riser or slot).
     */
    public OptionalLong pcieLinkWidth() {
        return uint("nvmlDeviceGetCurrPcieLinkWidth", out -> nvml_h.nvmlDeviceGetCurrPcieLinkWidth(handle, out));
    }

    /** The widest PCIe link, in lanes, this GPU and its slot both support (a x16 card in a x8 slot: 8). */
    public OptionalLong pcieLinkMaxWidth() {
        return uint("nvmlDeviceGetMaxPcieLinkWidth", out -> nvml_h.nvmlDeviceGetMaxPcieLinkWidth(handle, out));
    }

    /** ECC errors over the GPU's life (aggregate counter); {@code corrected} or uncorrected. */
    public OptionalLong eccErrorsAggregate(boolean corrected) {
        int type = corrected ? nvml_h.NVML_MEMORY_ERROR_TYPE_CORRECTED() : nvml_h.NVML_MEMORY_ERROR_TYPE_UNCORRECTED();
        return u64("nvmlDeviceGetTotalEccErrors",
                out -> nvml_h.nvmlDeviceGetTotalEccErrors(handle, type, nvml_h.NVML_AGGREGATE_ECC(), out));
    }

    /**
     * Pages retired (or pending retirement) for one cause over the GPU's life, Kepler to Volta/Turing (Ampere
     * and newer remap rows instead and answer NOT_SUPPORTED); {@code doubleBit} = a double-bit ECC error, else
     * multiple single-bit errors. Only the count is asked (no address buffer).
     */
    public OptionalLong retiredPages(boolean doubleBit) {
        String function = "nvmlDeviceGetRetiredPages";
        if (!nvml.symbols().has(function)) {
            return OptionalLong.empty();
        }
        int cause = doubleBit ? nvml_h.NVML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR()
                : nvml_h.NVML_PAGE_RETIREMENT_CAUSE_MULTIPLE_SINGLE_BIT_ECC_ERRORS();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT); // 0: a buffer of no addresses, to learn the count
            MemorySegment none = arena.allocate(JAVA_LONG); // not NULL: nvml.h calls a NULL buffer invalid
            int rc = nvml_h.nvmlDeviceGetRetiredPages(handle, cause, count, none);
            if (rc != nvml_h.NVML_ERROR_INSUFFICIENT_SIZE() && !Calls.supported(function, rc)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Integer.toUnsignedLong(count.get(JAVA_INT, 0)));
        }
    }

    /** Whether pages wait to be retired at the next reload of the driver; empty where unsupported. */
    public Optional<Boolean> retiredPagesPending() {
        OptionalLong state = uint("nvmlDeviceGetRetiredPagesPendingStatus",
                out -> nvml_h.nvmlDeviceGetRetiredPagesPendingStatus(handle, out));
        return state.isPresent() ? Optional.of(state.getAsLong() == nvml_h.NVML_FEATURE_ENABLED()) : Optional.empty();
    }

    /**
     * Remapped memory rows (Ampere and newer). Empty where unsupported: older GPUs, a GPU in MIG mode
     * with active instances (nvml.h), or a driver without the function.
     */
    public Optional<RemappedRows> remappedRows() {
        String function = "nvmlDeviceGetRemappedRows";
        if (!nvml.symbols().has(function)) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT, 4);
            int rc = nvml_h.nvmlDeviceGetRemappedRows(handle, out, out.asSlice(4), out.asSlice(8), out.asSlice(12));
            if (!Calls.supported(function, rc)) {
                return Optional.empty();
            }
            return Optional.of(new RemappedRows(Integer.toUnsignedLong(out.get(JAVA_INT, 0)),
                    Integer.toUnsignedLong(out.get(JAVA_INT, 4)), out.get(JAVA_INT, 8) != 0, out.get(JAVA_INT, 12) != 0));
        }
    }

    /**
     * Nanoseconds the limiter has held the GPU below its application clocks since the driver loaded
     * ({@code nvmlDeviceGetViolationStatus} {@code violationTime}); empty where the device does not report
     * that limiter (thermal, e.g., on many boards).
     */
    public OptionalLong violationTime(PerfPolicy policy) {
        String function = "nvmlDeviceGetViolationStatus";
        if (!nvml.symbols().has(function)) {
            return OptionalLong.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = nvmlViolationTime_t.allocate(arena);
            if (!Calls.supported(function, nvml_h.nvmlDeviceGetViolationStatus(handle, policy.value, t))) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(nvmlViolationTime_t.violationTime(t));
        }
    }

    /** NVLinks a GPU can have ({@code NVML_NVLINK_MAX_LINKS} of the bound header). */
    public static int maxNvLinks() {
        return nvml_h.NVML_NVLINK_MAX_LINKS();
    }

    /**
     * Whether NVLink {@code link} is active; empty on a GPU without NVLink (NOT_SUPPORTED), for a link number
     * past the GPU's links (INVALID_ARGUMENT) and with a driver lacking the function.
     */
    public Optional<Boolean> nvLinkActive(int link) {
        String function = "nvmlDeviceGetNvLinkState";
        if (!nvml.symbols().has(function)) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            int rc = nvml_h.nvmlDeviceGetNvLinkState(handle, link, out);
            if (rc == nvml_h.NVML_ERROR_INVALID_ARGUMENT() || !Calls.supported(function, rc)) {
                return Optional.empty();
            }
            return Optional.of(out.get(JAVA_INT, 0) == nvml_h.NVML_FEATURE_ENABLED());
        }
    }

    /** One NVLink error counter of one link, since the counters were last reset; empty where unsupported. */
    public OptionalLong nvLinkErrors(int link, NvLinkError counter) {
        return u64("nvmlDeviceGetNvLinkErrorCounter",
                out -> nvml_h.nvmlDeviceGetNvLinkErrorCounter(handle, link, counter.value, out));
    }

    public Optional<MigMode> migMode() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment current = arena.allocate(JAVA_INT);
            MemorySegment pending = arena.allocate(JAVA_INT);
            if (!Calls.supported("nvmlDeviceGetMigMode", nvml_h.nvmlDeviceGetMigMode(handle, current, pending))) {
                return Optional.empty();
            }
            int enabled = nvml_h.NVML_DEVICE_MIG_ENABLE();
            return Optional.of(new MigMode(current.get(JAVA_INT, 0) == enabled, pending.get(JAVA_INT, 0) == enabled));
        }
    }

    /**
     * How many MIG devices the GPU can hold at most (7 on an A100 or H100, 4 on an A30): its number of compute
     * slices. 0 or empty outside MIG mode.
     */
    public OptionalLong maxMigDeviceCount() {
        return uint("nvmlDeviceGetMaxMigDeviceCount", out -> nvml_h.nvmlDeviceGetMaxMigDeviceCount(handle, out));
    }

    /** The MIG instances of this GPU (empty unless MIG mode is on). */
    public List<GpuDevice> migDevices() {
        OptionalLong max = maxMigDeviceCount();
        List<GpuDevice> devices = new ArrayList<>();
        if (max.isEmpty()) {
            return devices;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            for (int i = 0; i < max.getAsLong(); i++) {
                int rc = nvml_h.nvmlDeviceGetMigDeviceHandleByIndex(handle, i, out);
                if (rc == nvml_h.NVML_ERROR_NOT_FOUND() || rc == nvml_h.NVML_ERROR_INVALID_ARGUMENT()) {
                    continue; // no instance at this slot
                }
                Calls.check("nvmlDeviceGetMigDeviceHandleByIndex", rc);
                devices.add(new GpuDevice(nvml, out.get(ADDRESS, 0), index, true));
            }
        }
        return devices;
    }

    /** GPU instance id of a MIG device handle. */
    public int gpuInstanceId() {
        return (int) uint("nvmlDeviceGetGpuInstanceId", out -> nvml_h.nvmlDeviceGetGpuInstanceId(handle, out))
                .orElseThrow();
    }

    /** Compute instance id of a MIG device handle. */
    public int computeInstanceId() {
        return (int) uint("nvmlDeviceGetComputeInstanceId", out -> nvml_h.nvmlDeviceGetComputeInstanceId(handle, out))
                .orElseThrow();
    }

    /** Processes of one kind on this device; empty where the list (or the function) is not supported. */
    public List<ProcessInfo> processes(ProcessKind kind) {
        return Processes.list(nvml, handle, kind);
    }

    /**
     * Per-process utilization samples newer than {@code lastSeenMicros} (0 = all NVML keeps); empty when
     * there is none newer or the device does not support it.
     */
    public List<ProcessSample> processUtilization(long lastSeenMicros) {
        return processUtilizationSamples(lastSeenMicros).orElse(List.of());
    }

    /**
     * Like {@link #processUtilization}, but empty when the device cannot report per-process utilization
     * at all (e.g. a GPU in MIG mode), as opposed to an empty list when it has no newer sample.
     */
    public Optional<List<ProcessSample>> processUtilizationSamples(long lastSeenMicros) {
        return Processes.utilization(handle, lastSeenMicros);
    }

    /** An {@code unsigned int} out-parameter, widened without sign. */
    private OptionalLong uint(String function, OutCall call) {
        return read(function, JAVA_INT, call);
    }

    /** An {@code unsigned long long} out-parameter. */
    private OptionalLong u64(String function, OutCall call) {
        return read(function, JAVA_LONG, call);
    }

    private OptionalLong read(String function, ValueLayout layout, OutCall call) {
        if (!nvml.symbols().has(function)) {
            return OptionalLong.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(layout);
            if (!Calls.supported(function, call.call(out))) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(layout == JAVA_INT
                    ? Integer.toUnsignedLong(out.get(JAVA_INT, 0)) : out.get(JAVA_LONG, 0));
        }
    }

    @FunctionalInterface
    private interface StringCall {
        int call(MemorySegment buffer, int length);
    }

    private static String string(String function, int size, StringCall call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(size);
            Calls.check(function, call.call(buf, size));
            return Calls.string(buf);
        }
    }

    @Override
    public String toString() {
        return (mig ? "MIG device of GPU " : "GPU ") + index;
    }

}
