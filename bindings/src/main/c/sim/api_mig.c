/*
 * NVML API: MIG devices and processes.
 *
 * A MIG device handle names one compute instance of one GPU instance ([mig] sections).
 * Processes ([process] sections) belong to a GPU and, on a MIG GPU, to one MIG device:
 * the full-GPU handle lists all of them, a MIG handle only its own.
 */
#include "sim.h"

#include <math.h>
#include <string.h>

SIM_EXPORT nvmlReturn_t nvmlDeviceGetMigMode(nvmlDevice_t device, unsigned int *currentMode, unsigned int *pendingMode)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetMigMode, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (currentMode == NULL || pendingMode == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *currentMode = c.gpu->mig_mode ? NVML_DEVICE_MIG_ENABLE : NVML_DEVICE_MIG_DISABLE;
    *pendingMode = *currentMode; /* no mode change is ever pending in a scenario */
    return sim_leave(&c, NVML_SUCCESS);
}

/* nvml.h: "Returns zero if MIG is not supported or enabled." */
SIM_EXPORT nvmlReturn_t nvmlDeviceGetMaxMigDeviceCount(nvmlDevice_t device, unsigned int *count)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetMaxMigDeviceCount, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (count == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *count = c.gpu->mig_mode ? SIM_MAX_MIG_PER_GPU : 0;
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetMigDeviceHandleByIndex(nvmlDevice_t device, unsigned int index,
                                                            nvmlDevice_t *migDevice)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetMigDeviceHandleByIndex, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (!c.gpu->mig_mode)
        return sim_leave(&c, NVML_ERROR_NOT_SUPPORTED);
    if (migDevice == NULL || index >= SIM_MAX_MIG_PER_GPU)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    if (index >= c.gpu->mig_count)
        return sim_leave(&c, NVML_ERROR_NOT_FOUND);
    *migDevice = sim_mig_handle(c.gpu->index, index);
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceIsMigDeviceHandle(nvmlDevice_t device, unsigned int *isMigDevice)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceIsMigDeviceHandle, device, SIM_MIG_OK);
    if (rc != NVML_SUCCESS)
        return rc;
    if (isMigDevice == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *isMigDevice = c.mig != NULL;
    return sim_leave(&c, NVML_SUCCESS);
}

/* Instance ids exist only for MIG device handles: a full GPU is an invalid argument. */
static nvmlReturn_t instance_id(sim_fn fn, nvmlDevice_t device, int compute, unsigned int *id)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, fn, device, SIM_MIG_OK);
    if (rc != NVML_SUCCESS)
        return rc;
    if (id == NULL || c.mig == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *id = compute ? c.mig->compute_instance_id : c.mig->gpu_instance_id;
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetGpuInstanceId(nvmlDevice_t device, unsigned int *id)
{
    return instance_id(FN_nvmlDeviceGetGpuInstanceId, device, 0, id);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetComputeInstanceId(nvmlDevice_t device, unsigned int *id)
{
    return instance_id(FN_nvmlDeviceGetComputeInstanceId, device, 1, id);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetDeviceHandleFromMigDeviceHandle(nvmlDevice_t migDevice, nvmlDevice_t *device)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetDeviceHandleFromMigDeviceHandle, migDevice, SIM_MIG_OK);
    if (rc != NVML_SUCCESS)
        return rc;
    if (device == NULL || c.mig == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *device = sim_gpu_handle(c.gpu->index);
    return sim_leave(&c, NVML_SUCCESS);
}

static int process_matches(const sim_proc *p, sim_proc_type type, const sim_mig *mig)
{
    if (p->type != type)
        return 0;
    return mig == NULL ||
           (p->gpu_instance_id == mig->gpu_instance_id && p->compute_instance_id == mig->compute_instance_id);
}

/* The _v3 list calls: "*infoCount = 0" (infos may be NULL) asks for the size. */
static nvmlReturn_t running_processes(sim_fn fn, sim_proc_type type, nvmlDevice_t device, unsigned int *infoCount,
                                      nvmlProcessInfo_t *infos)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, fn, device, SIM_MIG_OK);
    if (rc != NVML_SUCCESS)
        return rc;
    if (infoCount == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    const sim_proc *procs = c.sc->procs + c.gpu->proc_first;
    unsigned n = 0;
    for (unsigned i = 0; i < c.gpu->proc_count; i++)
        n += process_matches(&procs[i], type, c.mig);
    if (*infoCount < n) {
        *infoCount = n;
        return sim_leave(&c, NVML_ERROR_INSUFFICIENT_SIZE);
    }
    if (n > 0 && infos == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    unsigned out = 0;
    for (unsigned i = 0; i < c.gpu->proc_count; i++) {
        const sim_proc *p = &procs[i];
        if (!process_matches(p, type, c.mig))
            continue;
        infos[out].pid = p->pid;
        infos[out].usedGpuMemory = sim_u64(&p->v[PK_USED_MEMORY], c.t);
        infos[out].gpuInstanceId = p->gpu_instance_id;
        infos[out].computeInstanceId = p->compute_instance_id;
        out++;
    }
    *infoCount = n;
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t device, unsigned int *infoCount,
                                                                nvmlProcessInfo_t *infos)
{
    return running_processes(FN_nvmlDeviceGetComputeRunningProcesses_v3, PROC_COMPUTE, device, infoCount, infos);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetGraphicsRunningProcesses_v3(nvmlDevice_t device, unsigned int *infoCount,
                                                                 nvmlProcessInfo_t *infos)
{
    return running_processes(FN_nvmlDeviceGetGraphicsRunningProcesses_v3, PROC_GRAPHICS, device, infoCount, infos);
}

#ifndef SIMNVML_OLD_DRIVER
SIM_EXPORT nvmlReturn_t nvmlDeviceGetMPSComputeRunningProcesses_v3(nvmlDevice_t device, unsigned int *infoCount,
                                                                   nvmlProcessInfo_t *infos)
{
    return running_processes(FN_nvmlDeviceGetMPSComputeRunningProcesses_v3, PROC_MPS, device, infoCount, infos);
}
#endif

/*
 * Process utilization: the simulated driver takes one sample of every process of the GPU
 * each sample_period_ms, starting at load. Sample k carries the CPU time (CLOCK_REALTIME,
 * microseconds) of load + k periods and the process's values at that scenario time, so
 * repeated reads within one period return identical samples.
 */
SIM_EXPORT nvmlReturn_t nvmlDeviceGetProcessUtilization(nvmlDevice_t device, nvmlProcessUtilizationSample_t *utilization,
                                                        unsigned int *processSamplesCount,
                                                        unsigned long long lastSeenTimeStamp)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetProcessUtilization, device, SIM_NOT_IN_MIG_MODE);
    if (rc != NVML_SUCCESS)
        return rc;
    if (processSamplesCount == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    const sim_gpu *g = c.gpu;
    unsigned long long period_us = (unsigned long long)g->sample_period_ms * 1000ULL;
    unsigned long long k = (unsigned long long)floor(c.t * 1e6 / (double)period_us);
    unsigned long long stamp = (unsigned long long)sim_load_realtime_us() + k * period_us;
    unsigned n = stamp > lastSeenTimeStamp ? g->proc_count : 0;
    if (n == 0) {
        *processSamplesCount = 0;
        return sim_leave(&c, NVML_ERROR_NOT_FOUND);
    }
    if (utilization == NULL || *processSamplesCount < n) {
        *processSamplesCount = n;
        return sim_leave(&c, NVML_ERROR_INSUFFICIENT_SIZE);
    }
    double t_sample = (double)(k * period_us) / 1e6;
    const sim_proc *procs = c.sc->procs + g->proc_first;
    for (unsigned i = 0; i < n; i++) {
        utilization[i].pid = procs[i].pid;
        utilization[i].timeStamp = stamp;
        utilization[i].smUtil = sim_u32(&procs[i].v[PK_SM], t_sample);
        utilization[i].memUtil = sim_u32(&procs[i].v[PK_MEM], t_sample);
        utilization[i].encUtil = sim_u32(&procs[i].v[PK_ENC], t_sample);
        utilization[i].decUtil = sim_u32(&procs[i].v[PK_DEC], t_sample);
    }
    *processSamplesCount = n;
    return sim_leave(&c, NVML_SUCCESS);
}
