package io.gpuagent.nvml;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.gpuagent.nvml.raw.nvml_h;
import io.gpuagent.nvml.raw.nvmlProcessInfo_t;
import io.gpuagent.nvml.raw.nvmlProcessUtilizationSample_t;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The process list and process utilization calls, with NVML's two-step size protocol. */
final class Processes {

    /** usedGpuMemory when NVML cannot say (NVML_VALUE_NOT_AVAILABLE as unsigned long long). */
    private static final long VALUE_NOT_AVAILABLE = -1L;
    /** Processes appear between the size query and the read: ask with headroom, retry a few times. */
    private static final int HEADROOM = 8;
    private static final int ATTEMPTS = 4;

    private Processes() {
    }

    static List<ProcessInfo> list(Nvml nvml, MemorySegment device, ProcessKind kind) {
        if (!nvml.symbols().has(kind.function())) {
            return List.of();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT);
            int capacity = 32;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                MemorySegment infos = nvmlProcessInfo_t.allocateArray(capacity, arena);
                count.set(JAVA_INT, 0, capacity);
                int rc = call(kind, device, count, infos);
                if (rc == nvml_h.NVML_ERROR_INSUFFICIENT_SIZE()) {
                    capacity = count.get(JAVA_INT, 0) + HEADROOM;
                    continue;
                }
                if (!Calls.supported(kind.function(), rc)) {
                    return List.of();
                }
                int n = Math.min(count.get(JAVA_INT, 0), capacity);
                List<ProcessInfo> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    MemorySegment p = nvmlProcessInfo_t.asSlice(infos, i);
                    long mem = nvmlProcessInfo_t.usedGpuMemory(p);
                    out.add(new ProcessInfo(Integer.toUnsignedLong(nvmlProcessInfo_t.pid(p)), kind,
                            mem == VALUE_NOT_AVAILABLE ? OptionalLong.empty() : OptionalLong.of(mem),
                            nvmlProcessInfo_t.gpuInstanceId(p), nvmlProcessInfo_t.computeInstanceId(p)));
                }
                return out;
            }
            throw new NvmlException(kind.function(), nvml_h.NVML_ERROR_INSUFFICIENT_SIZE(),
                    "process list kept growing over " + ATTEMPTS + " attempts");
        }
    }

    private static int call(ProcessKind kind, MemorySegment device, MemorySegment count, MemorySegment infos) {
        return switch (kind) {
            case COMPUTE -> nvml_h.nvmlDeviceGetComputeRunningProcesses_v3(device, count, infos);
            case GRAPHICS -> nvml_h.nvmlDeviceGetGraphicsRunningProcesses_v3(device, count, infos);
            case MPS -> nvml_h.nvmlDeviceGetMPSComputeRunningProcesses_v3(device, count, infos);
        };
    }

    /** Empty when not supported; an empty list when there is no sample newer than {@code lastSeenMicros}. */
    static java.util.Optional<List<ProcessSample>> utilization(MemorySegment device, long lastSeenMicros) {
        String fn = "nvmlDeviceGetProcessUtilization";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT);
            int capacity = 64;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                MemorySegment samples = nvmlProcessUtilizationSample_t.allocateArray(capacity, arena);
                count.set(JAVA_INT, 0, capacity);
                int rc = nvml_h.nvmlDeviceGetProcessUtilization(device, samples, count, lastSeenMicros);
                if (rc == nvml_h.NVML_ERROR_INSUFFICIENT_SIZE()) {
                    capacity = count.get(JAVA_INT, 0) + HEADROOM;
                    continue;
                }
                if (rc == nvml_h.NVML_ERROR_NOT_FOUND()) {
                    return java.util.Optional.of(List.of()); // no sample newer than lastSeenMicros
                }
                if (!Calls.supported(fn, rc)) {
                    return java.util.Optional.empty();
                }
                int n = Math.min(count.get(JAVA_INT, 0), capacity);
                List<ProcessSample> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    MemorySegment s = nvmlProcessUtilizationSample_t.asSlice(samples, i);
                    out.add(new ProcessSample(Integer.toUnsignedLong(nvmlProcessUtilizationSample_t.pid(s)),
                            nvmlProcessUtilizationSample_t.timeStamp(s), nvmlProcessUtilizationSample_t.smUtil(s),
                            nvmlProcessUtilizationSample_t.memUtil(s), nvmlProcessUtilizationSample_t.encUtil(s),
                            nvmlProcessUtilizationSample_t.decUtil(s)));
                }
                return java.util.Optional.of(out);
            }
            throw new NvmlException(fn, nvml_h.NVML_ERROR_INSUFFICIENT_SIZE(),
                    "sample list kept growing over " + ATTEMPTS + " attempts");
        }
    }
}
