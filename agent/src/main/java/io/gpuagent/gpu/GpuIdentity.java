package io.gpuagent.gpu;

import java.util.OptionalLong;

/**
 * What names a GPU on every series: NVML index, UUID, model name and PCI bus id (NVML's
 * {@code 00000000:07:00.0} form); the minor number gives {@code /dev/nvidiaN}.
 */
public record GpuIdentity(int index, String uuid, String model, String pciBusId, OptionalLong minorNumber) {
}
