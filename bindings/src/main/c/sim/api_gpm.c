/*
 * NVML API: GPM (GPU Performance Monitoring, Hopper and newer). A GPM sample is a snapshot of
 * a GPU's (or one MIG GPU instance's) performance counters; nvmlGpmMetricsGet turns two
 * samples into metrics for the interval between them.
 *
 * The simulator's sample records which device it is of and the scenario time it was taken
 * at; the metrics between two samples are the scenario's gpm_* expressions at the later
 * sample's time (for constants: exactly the value given). A GPU answers only with `gpm = 1`
 * (nvmlGpmQueryDeviceSupport's isSupportedDevice), so scenarios written before GPM existed
 * stay pre-Hopper. MIG GPU instances are sampled through nvmlGpmMigSampleGet with their
 * gpu_instance_id (the first [mig] of that GPU instance gives the values).
 *
 * Samples live in a fixed pool (no allocation in calls; a stale or foreign pointer is
 * recognised by address); loading or unloading a scenario releases them all. None of this
 * is in the old-driver build (no nvmlGpm* symbols), as with a driver older than GPM.
 */
#include "sim.h"

#include <stdint.h>
#include <string.h>

#ifndef SIMNVML_OLD_DRIVER

#define SIM_MAX_GPM_SAMPLES 1024
#define NO_MIG (-1)

struct nvmlGpmSample_st {
    int in_use;
    int taken;          /* a sample has been read into it */
    unsigned gpu;
    int mig;            /* index of the [mig] under the GPU, or NO_MIG for the whole GPU */
    double t;           /* scenario time of the sample */
};

static struct nvmlGpmSample_st g_samples[SIM_MAX_GPM_SAMPLES];

void sim_gpm_reset(void)
{
    memset(g_samples, 0, sizeof g_samples);
}

static struct nvmlGpmSample_st *find_sample(nvmlGpmSample_t s)
{
    uintptr_t p = (uintptr_t)s, s0 = (uintptr_t)&g_samples[0];
    if (p < s0 || p >= s0 + sizeof g_samples || (p - s0) % sizeof g_samples[0] != 0)
        return NULL;
    return s->in_use ? s : NULL;
}

/* The NVML metric ids the scenario keys answer, with the names NVML gives them in metricInfo. */
static const struct {
    unsigned id;
    sim_gpm_key key;
    char *short_name;   /* nvmlGpmMetric_t's metricInfo is char * (not const): the caller must not write */
    char *long_name;
    char *unit;
} metrics[] = {
    { NVML_GPM_METRIC_GRAPHICS_UTIL, GPM_GRAPHICS, "gr_util", "Graphics engine activity", "%" },
    { NVML_GPM_METRIC_SM_UTIL, GPM_SM, "sm_util", "SM activity", "%" },
    { NVML_GPM_METRIC_SM_OCCUPANCY, GPM_OCCUPANCY, "sm_occupancy", "SM occupancy", "%" },
    { NVML_GPM_METRIC_ANY_TENSOR_UTIL, GPM_TENSOR, "any_tensor_util", "Tensor pipe activity", "%" },
    { NVML_GPM_METRIC_DRAM_BW_UTIL, GPM_DRAM, "dram_bw_util", "DRAM bandwidth utilization", "%" },
    { NVML_GPM_METRIC_PCIE_TX_PER_SEC, GPM_PCIE_TX, "pcie_tx", "PCIe traffic from the GPU", "MiB/sec" },
    { NVML_GPM_METRIC_PCIE_RX_PER_SEC, GPM_PCIE_RX, "pcie_rx", "PCIe traffic to the GPU", "MiB/sec" },
    { NVML_GPM_METRIC_NVLINK_TOTAL_TX_PER_SEC, GPM_NVLINK_TX, "nvlink_tx", "NVLink write bandwidth", "MiB/sec" },
    { NVML_GPM_METRIC_NVLINK_TOTAL_RX_PER_SEC, GPM_NVLINK_RX, "nvlink_rx", "NVLink read bandwidth", "MiB/sec" },
};

SIM_EXPORT nvmlReturn_t nvmlGpmQueryDeviceSupport(nvmlDevice_t device, nvmlGpmSupport_t *gpmSupport)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlGpmQueryDeviceSupport, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (gpmSupport == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    if (gpmSupport->version != NVML_GPM_SUPPORT_VERSION)
        return sim_leave(&c, NVML_ERROR_ARGUMENT_VERSION_MISMATCH);
    gpmSupport->isSupportedDevice = c.gpu->gpm;
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlGpmSampleAlloc(nvmlGpmSample_t *gpmSample)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter(&c);
    if (rc != NVML_SUCCESS)
        return rc;
    if (gpmSample == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    for (unsigned i = 0; i < SIM_MAX_GPM_SAMPLES; i++) {
        if (!g_samples[i].in_use) {
            memset(&g_samples[i], 0, sizeof g_samples[i]);
            g_samples[i].in_use = 1;
            *gpmSample = &g_samples[i];
            return sim_leave(&c, NVML_SUCCESS);
        }
    }
    return sim_leave(&c, NVML_ERROR_MEMORY);
}

SIM_EXPORT nvmlReturn_t nvmlGpmSampleFree(nvmlGpmSample_t gpmSample)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter(&c);
    if (rc != NVML_SUCCESS)
        return rc;
    struct nvmlGpmSample_st *s = find_sample(gpmSample);
    if (s == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    s->in_use = 0;
    return sim_leave(&c, NVML_SUCCESS);
}

/* Reads a sample of GPU `c->gpu` (mig = NO_MIG) or of its [mig] `mig`; the lock is held. */
static nvmlReturn_t take(sim_call *c, nvmlGpmSample_t gpmSample, int mig)
{
    struct nvmlGpmSample_st *s = find_sample(gpmSample);
    if (s == NULL)
        return sim_leave(c, NVML_ERROR_INVALID_ARGUMENT);
    s->taken = 1;
    s->gpu = c->gpu->index;
    s->mig = mig;
    s->t = c->t;
    return sim_leave(c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlGpmSampleGet(nvmlDevice_t device, nvmlGpmSample_t gpmSample)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlGpmSampleGet, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (!c.gpu->gpm)
        return sim_leave(&c, NVML_ERROR_NOT_SUPPORTED);
    return take(&c, gpmSample, NO_MIG);
}

SIM_EXPORT nvmlReturn_t nvmlGpmMigSampleGet(nvmlDevice_t device, unsigned int gpuInstanceId, nvmlGpmSample_t gpmSample)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlGpmMigSampleGet, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (!c.gpu->gpm)
        return sim_leave(&c, NVML_ERROR_NOT_SUPPORTED);
    for (unsigned m = 0; m < c.gpu->mig_count; m++)
        if (c.gpu->mig[m].gpu_instance_id == gpuInstanceId)
            return take(&c, gpmSample, (int)m);
    return sim_leave(&c, NVML_ERROR_NOT_FOUND);
}

SIM_EXPORT nvmlReturn_t nvmlGpmMetricsGet(nvmlGpmMetricsGet_t *metricsGet)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter(&c);
    if (rc != NVML_SUCCESS)
        return rc;
    if (metricsGet == NULL || metricsGet->numMetrics > NVML_GPM_METRIC_MAX)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    if (metricsGet->version != NVML_GPM_METRICS_GET_VERSION)
        return sim_leave(&c, NVML_ERROR_ARGUMENT_VERSION_MISMATCH);
    const struct nvmlGpmSample_st *s1 = find_sample(metricsGet->sample1);
    const struct nvmlGpmSample_st *s2 = find_sample(metricsGet->sample2);
    /* Two samples of the same device, both read. */
    if (s1 == NULL || s2 == NULL || s1 == s2 || !s1->taken || !s2->taken || s1->gpu != s2->gpu ||
        s1->mig != s2->mig || s1->gpu >= c.sc->gpu_count)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    const sim_gpu *g = &c.sc->gpus[s1->gpu];
    const sim_expr *v = s1->mig == NO_MIG ? g->gpm_v : g->mig[s1->mig].gpm_v;
    double t = s1->t > s2->t ? s1->t : s2->t;
    for (unsigned i = 0; i < metricsGet->numMetrics; i++) {
        nvmlGpmMetric_t *m = &metricsGet->metrics[i];
        m->nvmlReturn = NVML_ERROR_NOT_SUPPORTED;
        m->value = 0;
        m->metricInfo.shortName = NULL;
        m->metricInfo.longName = NULL;
        m->metricInfo.unit = NULL;
        for (unsigned k = 0; k < sizeof metrics / sizeof metrics[0]; k++) {
            if (metrics[k].id == m->metricId) {
                double x = sim_expr_eval(&v[metrics[k].key], t);
                m->value = x < 0 ? 0 : x;
                m->nvmlReturn = NVML_SUCCESS;
                m->metricInfo.shortName = metrics[k].short_name;
                m->metricInfo.longName = metrics[k].long_name;
                m->metricInfo.unit = metrics[k].unit;
                break;
            }
        }
    }
    return sim_leave(&c, NVML_SUCCESS);
}

#else

void sim_gpm_reset(void)
{
}

#endif /* SIMNVML_OLD_DRIVER */
