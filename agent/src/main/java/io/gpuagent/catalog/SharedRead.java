package io.gpuagent.catalog;

import io.gpuagent.nvml.GpuDevice;
import io.gpuagent.nvml.MemoryInfo;
import io.gpuagent.nvml.MigMode;
import io.gpuagent.nvml.RemappedRows;
import io.gpuagent.nvml.Utilization;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One NVML call whose answer several catalog rows share: asked once per device and collection, whichever
 * of its rows comes first.
 *
 * @param id the read's index, 0 to {@link #ALL}{@code .size() - 1}
 * @param what its name in the log and for the stall watchdog ({@code GPU 1/memory})
 * @param optional a feature many GPUs lack: once NOT_SUPPORTED, not asked again in the NVML session
 * @param mig MIG instance handles answer it too
 */
public record SharedRead<T>(int id, String what, boolean optional, boolean mig, Function<GpuDevice, Optional<T>> read) {

    public static final SharedRead<Utilization> UTILIZATION =
            new SharedRead<>(0, "utilization", false, false, GpuDevice::utilization);
    /** v2 (with reserved) where the driver has it, else v1 */
    public static final SharedRead<MemoryInfo> MEMORY = new SharedRead<>(1, "memory", false, true, GpuDevice::memory);
    public static final SharedRead<MigMode> MIG_MODE = new SharedRead<>(2, "MIG mode", false, false, GpuDevice::migMode);
    /** Ampere and newer; not in MIG mode */
    public static final SharedRead<RemappedRows> REMAPPED_ROWS =
            new SharedRead<>(3, "remapped rows", true, false, GpuDevice::remappedRows);

    public static final List<SharedRead<?>> ALL = List.of(UTILIZATION, MEMORY, MIG_MODE, REMAPPED_ROWS);
}
