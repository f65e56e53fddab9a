/*
 * NVML API: library life cycle, error strings, system queries and device enumeration.
 */
#include "sim.h"

#include <stddef.h>

SIM_EXPORT nvmlReturn_t nvmlInit_v2(void)
{
    return sim_init();
}

SIM_EXPORT nvmlReturn_t nvmlInitWithFlags(unsigned int flags)
{
    (void)flags; /* NO_GPUS / NO_ATTACH change nothing for a simulated node */
    return sim_init();
}

SIM_EXPORT nvmlReturn_t nvmlShutdown(void)
{
    return sim_shutdown();
}

/* Exactly the real library's strings (driver 535), read from its nvmlErrorString. */
SIM_EXPORT const char *nvmlErrorString(nvmlReturn_t result)
{
    sim_count_call();
    switch ((int)result) {
    case NVML_SUCCESS: return "Success";
    case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
    case NVML_ERROR_INVALID_ARGUMENT: return "Invalid Argument";
    case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
    case NVML_ERROR_NO_PERMISSION: return "Insufficient Permissions";
    case NVML_ERROR_ALREADY_INITIALIZED: return "Already Initialized";
    case NVML_ERROR_NOT_FOUND: return "Not Found";
    case NVML_ERROR_INSUFFICIENT_SIZE: return "Insufficient Size";
    case NVML_ERROR_INSUFFICIENT_POWER: return "Insufficient External Power";
    case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
    case NVML_ERROR_TIMEOUT: return "Timeout";
    case NVML_ERROR_IRQ_ISSUE: return "Interrupt Request Issue";
    case NVML_ERROR_LIBRARY_NOT_FOUND: return "NVML Shared Library Not Found";
    case NVML_ERROR_FUNCTION_NOT_FOUND: return "Function Not Found";
    case NVML_ERROR_CORRUPTED_INFOROM: return "Corrupted infoROM";
    case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
    case NVML_ERROR_RESET_REQUIRED: return "GPU requires reset";
    case NVML_ERROR_OPERATING_SYSTEM: return "GPU access blocked by the operating system";
    case NVML_ERROR_LIB_RM_VERSION_MISMATCH: return "Driver/library version mismatch";
    case NVML_ERROR_IN_USE: return "In use by another client";
    case NVML_ERROR_MEMORY: return "Insufficient Memory";
    case NVML_ERROR_NO_DATA: return "No data";
    case NVML_ERROR_VGPU_ECC_NOT_SUPPORTED: return "vGPU ECC not supported";
    case NVML_ERROR_INSUFFICIENT_RESOURCES: return "Insufficient Resources";
    case NVML_ERROR_FREQ_NOT_SUPPORTED: return "Invalid Frequency";
    case NVML_ERROR_ARGUMENT_VERSION_MISMATCH: return "Argument version mismatch";
    case 26: return "Requested functionality has been deprecated"; /* NVML_ERROR_DEPRECATED */
    default: return "Unknown Error";                                 /* also NVML_ERROR_UNKNOWN */
    }
}

SIM_EXPORT nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter(&c);
    if (rc != NVML_SUCCESS)
        return rc;
    return sim_leave(&c, sim_copy_string(version, length, c.sc->driver_version));
}

SIM_EXPORT nvmlReturn_t nvmlSystemGetNVMLVersion(char *version, unsigned int length)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter(&c);
    if (rc != NVML_SUCCESS)
        return rc;
    return sim_leave(&c, sim_copy_string(version, length, c.sc->nvml_version));
}

#ifndef SIMNVML_OLD_DRIVER
SIM_EXPORT nvmlReturn_t nvmlSystemGetCudaDriverVersion_v2(int *cudaDriverVersion)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter(&c);
    if (rc != NVML_SUCCESS)
        return rc;
    if (cudaDriverVersion == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *cudaDriverVersion = c.sc->cuda_driver_version;
    return sim_leave(&c, NVML_SUCCESS);
}
#endif

SIM_EXPORT nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *deviceCount)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter(&c);
    if (rc != NVML_SUCCESS)
        return rc;
    if (deviceCount == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *deviceCount = c.sc->gpu_count;
    return sim_leave(&c, NVML_SUCCESS);
}

/* Like the real driver, a lost GPU still has a handle: the calls made with it fail. */
SIM_EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter(&c);
    if (rc != NVML_SUCCESS)
        return rc;
    if (device == NULL || index >= c.sc->gpu_count)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *device = sim_gpu_handle(index);
    return sim_leave(&c, NVML_SUCCESS);
}
