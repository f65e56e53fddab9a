/*
 * NVML declarations newer than the build machines' nvml.h (Debian libnvidia-ml-dev 11.8, whose
 * header predates them) but exported by the drivers the agent targets (R525 and newer, e.g. the
 * 535 libnvidia-ml.so.1). Written as NVIDIA's newer nvml.h declares them; the simulator, the layout
 * check (LayoutTruthTest) and jextract read them after <nvml.h>:
 *   jextract @bindings/src/main/jextract/nvml.args bindings/src/main/jextract/nvml_newer.h
 * A driver without one of these symbols reads as "not supported" (the safe layer probes them).
 */
#ifndef GPU_AGENT_NVML_NEWER_H
#define GPU_AGENT_NVML_NEWER_H

#include <nvml.h>

/* GPM sample of one MIG GPU instance of a MIG-enabled GPU (Hopper and newer, R525+). */
nvmlReturn_t DECLDIR nvmlGpmMigSampleGet(nvmlDevice_t device, unsigned int gpuInstanceId, nvmlGpmSample_t gpmSample);

#endif /* GPU_AGENT_NVML_NEWER_H */
