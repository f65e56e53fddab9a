package io.gpuagent.gpu;

import java.util.List;
import java.util.Map;

/**
 * Everything one NVML collection saw, immutable.
 *
 * @param cudaDriverVersion e.g. {@code 12.2}; "" where the driver cannot say
 * @param xidErrors per GPU index, XID → errors counted since the agent started watching
 */
public record GpuSnapshot(String driverVersion, String cudaDriverVersion, List<GpuReading> gpus, List<MigReading> migs,
        Map<Integer, Map<Long, Long>> xidErrors) {

    public GpuSnapshot {
        gpus = List.copyOf(gpus);
        migs = List.copyOf(migs);
        xidErrors = Map.copyOf(xidErrors);
    }
}
