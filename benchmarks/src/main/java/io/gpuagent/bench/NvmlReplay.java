package io.gpuagent.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.gpuagent.nvml.raw.nvml_h;
import io.gpuagent.nvml.raw.nvml_h$library;
import io.gpuagent.nvml.raw.nvmlMemory_v2_t;
import io.gpuagent.nvml.raw.nvmlProcessInfo_t;
import io.gpuagent.nvml.raw.nvmlProcessUtilizationSample_t;
import io.gpuagent.nvml.raw.nvmlUtilization_t;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The NVML calls of one agent collection and nothing else: the same functions, arguments and order as
 * {@code GpuSource.collect()} makes them (DeviceReader's 18 getters per GPU; on a GPU in MIG mode the
 * max MIG count, a handle per slot and each instance's UUID and memory; ProcessReader's three process
 * lists and the process utilization, with the safe layer's first capacities of 32 and 64 and its retry
 * on INSUFFICIENT_SIZE, and the last-seen timestamp per GPU), made as raw downcalls into out-parameters
 * allocated once. What it costs is the time spent inside NVML plus the bare FFM transition of each
 * call: the floor any agent reading these values through Panama pays. XID events (a thread of their
 * own, blocked in {@code nvmlEventSetWait_v2}) and identities (read once per NVML session) are not part
 * of a collection, so not replayed. Not thread-safe: one per benchmark thread, after NVML is initialised.
 */
final class NvmlReplay implements AutoCloseable {

    private static final int LIST_CAPACITY = 32;     // Processes.list's first capacity
    private static final int SAMPLE_CAPACITY = 64;   // Processes.utilization's first capacity
    private static final int HEADROOM = 8;
    private static final int ATTEMPTS = 4;
    private static final int MAX_ENTRIES = 4096 + HEADROOM;

    private static volatile MethodHandle simnvmlCalls;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment[] gpus;
    private final long[] lastSeen;
    private final MemorySegment uint = arena.allocate(JAVA_INT);
    private final MemorySegment uint2 = arena.allocate(JAVA_INT);
    private final MemorySegment u64 = arena.allocate(JAVA_LONG);
    private final MemorySegment handle = arena.allocate(ADDRESS);
    private final MemorySegment count = arena.allocate(JAVA_INT);
    private final MemorySegment utilization = nvmlUtilization_t.allocate(arena);
    private final MemorySegment memory = nvmlMemory_v2_t.allocate(arena);
    private final MemorySegment uuid;
    private final int uuidSize;
    private final MemorySegment infos = nvmlProcessInfo_t.allocateArray(MAX_ENTRIES, arena);
    private final MemorySegment samples = nvmlProcessUtilizationSample_t.allocateArray(MAX_ENTRIES, arena);
    private final MemorySegment[] migs = new MemorySegment[7];

    /** For the GPUs NVML (already initialised) enumerates now. */
    NvmlReplay() {
        Calls.ok(nvml_h.nvmlDeviceGetCount_v2(uint));
        gpus = new MemorySegment[uint.get(JAVA_INT, 0)];
        for (int i = 0; i < gpus.length; i++) {
            Calls.ok(nvml_h.nvmlDeviceGetHandleByIndex_v2(i, handle));
            gpus[i] = handle.get(ADDRESS, 0);
        }
        lastSeen = new long[gpus.length];
        uuidSize = nvml_h.NVML_DEVICE_UUID_V2_BUFFER_SIZE();
        uuid = arena.allocate(uuidSize);
    }

    /** One collection's calls; returns how many were made (every downcall counts, as the simulator counts). */
    int collection() {
        int calls = 0;
        for (int i = 0; i < gpus.length; i++) {
            MemorySegment g = gpus[i];
            nvml_h.nvmlDeviceGetUtilizationRates(g, utilization);
            nvmlMemory_v2_t.version(memory, nvml_h.nvmlMemory_v2());
            nvml_h.nvmlDeviceGetMemoryInfo_v2(g, memory);
            nvml_h.nvmlDeviceGetTemperature(g, nvml_h.NVML_TEMPERATURE_GPU(), uint);
            nvml_h.nvmlDeviceGetPowerUsage(g, uint);
            nvml_h.nvmlDeviceGetEnforcedPowerLimit(g, uint);
            nvml_h.nvmlDeviceGetTotalEnergyConsumption(g, u64);
            nvml_h.nvmlDeviceGetClockInfo(g, nvml_h.NVML_CLOCK_SM(), uint);
            nvml_h.nvmlDeviceGetClockInfo(g, nvml_h.NVML_CLOCK_MEM(), uint);
            nvml_h.nvmlDeviceGetPerformanceState(g, uint);
            nvml_h.nvmlDeviceGetCurrentClocksThrottleReasons(g, u64);
            nvml_h.nvmlDeviceGetEncoderUtilization(g, uint, uint2);
            nvml_h.nvmlDeviceGetDecoderUtilization(g, uint, uint2);
            nvml_h.nvmlDeviceGetPcieThroughput(g, nvml_h.NVML_PCIE_UTIL_TX_BYTES(), uint);
            nvml_h.nvmlDeviceGetPcieThroughput(g, nvml_h.NVML_PCIE_UTIL_RX_BYTES(), uint);
            nvml_h.nvmlDeviceGetPcieReplayCounter(g, uint);
            nvml_h.nvmlDeviceGetTotalEccErrors(g, nvml_h.NVML_MEMORY_ERROR_TYPE_CORRECTED(), nvml_h.NVML_AGGREGATE_ECC(), u64);
            nvml_h.nvmlDeviceGetTotalEccErrors(g, nvml_h.NVML_MEMORY_ERROR_TYPE_UNCORRECTED(), nvml_h.NVML_AGGREGATE_ECC(), u64);
            int rc = nvml_h.nvmlDeviceGetMigMode(g, uint, uint2);
            calls += 18;
            if (rc == nvml_h.NVML_SUCCESS() && uint.get(JAVA_INT, 0) == nvml_h.NVML_DEVICE_MIG_ENABLE()) {
                calls += migs(g);
            }
            calls += processes(g, i);
        }
        return calls;
    }

    private int migs(MemorySegment g) {
        int calls = 1;
        if (nvml_h.nvmlDeviceGetMaxMigDeviceCount(g, uint) != nvml_h.NVML_SUCCESS()) {
            return calls;
        }
        int max = uint.get(JAVA_INT, 0);
        int n = 0;
        for (int slot = 0; slot < max; slot++) {
            calls++;
            if (nvml_h.nvmlDeviceGetMigDeviceHandleByIndex(g, slot, handle) == nvml_h.NVML_SUCCESS() && n < migs.length) {
                migs[n++] = handle.get(ADDRESS, 0);
            }
        }
        for (int m = 0; m < n; m++) {
            nvml_h.nvmlDeviceGetUUID(migs[m], uuid, uuidSize);
            nvmlMemory_v2_t.version(memory, nvml_h.nvmlMemory_v2());
            nvml_h.nvmlDeviceGetMemoryInfo_v2(migs[m], memory);
            calls += 2;
        }
        return calls;
    }

    private int processes(MemorySegment g, int gpu) {
        int calls = 0;
        for (int kind = 0; kind < 3; kind++) {
            int capacity = LIST_CAPACITY;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                count.set(JAVA_INT, 0, capacity);
                int rc = switch (kind) {
                    case 0 -> nvml_h.nvmlDeviceGetComputeRunningProcesses_v3(g, count, infos);
                    case 1 -> nvml_h.nvmlDeviceGetGraphicsRunningProcesses_v3(g, count, infos);
                    default -> nvml_h.nvmlDeviceGetMPSComputeRunningProcesses_v3(g, count, infos);
                };
                calls++;
                if (rc != nvml_h.NVML_ERROR_INSUFFICIENT_SIZE()) {
                    break;
                }
                capacity = Math.min(count.get(JAVA_INT, 0) + HEADROOM, MAX_ENTRIES);
            }
        }
        int capacity = SAMPLE_CAPACITY;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            count.set(JAVA_INT, 0, capacity);
            int rc = nvml_h.nvmlDeviceGetProcessUtilization(g, samples, count, lastSeen[gpu]);
            calls++;
            if (rc == nvml_h.NVML_ERROR_INSUFFICIENT_SIZE()) {
                capacity = Math.min(count.get(JAVA_INT, 0) + HEADROOM, MAX_ENTRIES);
                continue;
            }
            if (rc == nvml_h.NVML_SUCCESS()) {
                int n = Math.min(count.get(JAVA_INT, 0), capacity);
                for (int s = 0; s < n; s++) {
                    lastSeen[gpu] = Math.max(lastSeen[gpu],
                            nvmlProcessUtilizationSample_t.timeStamp(nvmlProcessUtilizationSample_t.asSlice(samples, s)));
                }
            }
            break;
        }
        return calls;
    }

    /** {@code simnvml_calls()}: the simulator's count of NVML calls (a relaxed atomic load, no lock). */
    static int simulatorCalls() {
        try {
            return (int) callsHandle().invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static MethodHandle callsHandle() {
        MethodHandle h = simnvmlCalls;
        if (h == null) {
            MemorySegment address = nvml_h$library.current().find("simnvml_calls")
                    .orElseThrow(() -> new IllegalStateException("the bound NVML library is not the simulator"));
            h = Linker.nativeLinker().downcallHandle(address, FunctionDescriptor.of(JAVA_INT));
            simnvmlCalls = h;
        }
        return h;
    }

    @Override
    public void close() {
        arena.close();
    }

    private static final class Calls {
        static void ok(int rc) {
            if (rc != nvml_h.NVML_SUCCESS()) {
                throw new IllegalStateException("NVML answered " + rc);
            }
        }
    }
}
