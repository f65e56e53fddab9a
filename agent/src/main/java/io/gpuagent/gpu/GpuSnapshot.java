package io.gpuagent.gpu;

import java.util.List;
import java.util.Map;

/**
 * Everything one NVML collection saw, immutable.
 *
 * @param cudaDriverVersion e.g. {@code 12.2}; "" where the driver cannot say
 * @param xidErrors per GPU index, XID → errors counted since the agent started watching
 * @param processes every process on every GPU that answered
 */
public record GpuSnapshot(String driverVersion, String cudaDriverVersion, List<GpuReading> gpus, List<MigReading> migs,
        Map<Integer, Map<Long, Long>> xidErrors, List<ProcessReading> processes) {

    public GpuSnapshot {
        gpus = List.copyOf(gpus);
        migs = List.copyOf(migs);
        xidErrors = Map.copyOf(xidErrors);
        processes = List.copyOf(processes);
    }

    /** A snapshot without process readings. */
    public GpuSnapshot(String driverVersion, String cudaDriverVersion, List<GpuReading> gpus, List<MigReading> migs,
            Map<Integer, Map<Long, Long>> xidErrors) {
        this(driverVersion, cudaDriverVersion, gpus, migs, xidErrors, List.of());
    }
}
