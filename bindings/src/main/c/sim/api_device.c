/*
 * NVML API: per-device getters. Each one reads the scenario's value for the device at the
 * current scenario time; faults (lost, hang, unsupported) were applied by sim_enter_device.
 *
 * Which calls MIG device handles answer, and which a GPU in MIG mode refuses, follows the
 * notes in nvml.h: identity, memory and processes work per MIG device; utilization,
 * encoder/decoder and process utilization are "not currently supported" on MIG-enabled GPUs.
 */
#include "sim.h"

#include <string.h>

#define SAMPLING_PERIOD_US 167000u /* encoder/decoder sampling period, as on real boards */

/* The usual shape: one device, one unsigned out-value read from one scenario key. */
static nvmlReturn_t get_u32(sim_fn fn, nvmlDevice_t device, sim_gpu_key key, unsigned int *out)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, fn, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (out == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *out = sim_u32(&c.gpu->v[key], c.t);
    return sim_leave(&c, NVML_SUCCESS);
}

static nvmlReturn_t get_u64(sim_fn fn, nvmlDevice_t device, sim_gpu_key key, unsigned long long *out)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, fn, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (out == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *out = sim_u64(&c.gpu->v[key], c.t);
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetUUID, device, SIM_MIG_OK);
    if (rc != NVML_SUCCESS)
        return rc;
    return sim_leave(&c, sim_copy_string(uuid, length, c.mig ? c.mig->uuid : c.gpu->uuid));
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetName, device, SIM_MIG_OK);
    if (rc != NVML_SUCCESS)
        return rc;
    return sim_leave(&c, sim_copy_string(name, length, c.mig ? c.mig->name : c.gpu->name));
}

/* For a MIG device handle, nvml.h says the index is the one nvmlDeviceGetMigDeviceHandleByIndex takes. */
SIM_EXPORT nvmlReturn_t nvmlDeviceGetIndex(nvmlDevice_t device, unsigned int *index)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetIndex, device, SIM_MIG_OK);
    if (rc != NVML_SUCCESS)
        return rc;
    if (index == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *index = c.mig ? c.mig->index : c.gpu->index;
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetMinorNumber(nvmlDevice_t device, unsigned int *minorNumber)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetMinorNumber, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (minorNumber == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *minorNumber = c.gpu->minor;
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t device, nvmlPciInfo_t *pci)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetPciInfo_v3, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (pci == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    const sim_gpu *g = c.gpu;
    memset(pci, 0, sizeof *pci);
    memcpy(pci->busIdLegacy, g->bus_id_legacy, sizeof pci->busIdLegacy);
    memcpy(pci->busId, g->bus_id, sizeof pci->busId);
    pci->domain = g->pci_domain;
    pci->bus = g->pci_bus;
    pci->device = g->pci_device;
    pci->pciDeviceId = g->pci_device_id;
    pci->pciSubSystemId = g->pci_subsystem_id;
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetUtilizationRates, device, SIM_NOT_IN_MIG_MODE);
    if (rc != NVML_SUCCESS)
        return rc;
    if (utilization == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    utilization->gpu = sim_u32(&c.gpu->v[GK_UTIL_GPU], c.t);
    utilization->memory = sim_u32(&c.gpu->v[GK_UTIL_MEMORY], c.t);
    return sim_leave(&c, NVML_SUCCESS);
}

/* total / reserved / used of the GPU or MIG device named by the call. */
static void memory_of(const sim_call *c, unsigned long long *total, unsigned long long *reserved,
                      unsigned long long *used)
{
    if (c->mig) {
        *total = sim_u64(&c->mig->v[MK_MEMORY_TOTAL], c->t);
        *reserved = sim_u64(&c->mig->v[MK_MEMORY_RESERVED], c->t);
        *used = sim_u64(&c->mig->v[MK_MEMORY_USED], c->t);
    } else {
        *total = sim_u64(&c->gpu->v[GK_MEMORY_TOTAL], c->t);
        *reserved = sim_u64(&c->gpu->v[GK_MEMORY_RESERVED], c->t);
        *used = sim_u64(&c->gpu->v[GK_MEMORY_USED], c->t);
    }
}

static unsigned long long minus(unsigned long long a, unsigned long long b)
{
    return a > b ? a - b : 0;
}

/* v1 has no "reserved": like the driver, it counts reserved memory as used. */
SIM_EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetMemoryInfo, device, SIM_MIG_OK);
    if (rc != NVML_SUCCESS)
        return rc;
    if (memory == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    unsigned long long total, reserved, used;
    memory_of(&c, &total, &reserved, &used);
    memory->total = total;
    memory->used = used + reserved;
    memory->free = minus(total, used + reserved);
    return sim_leave(&c, NVML_SUCCESS);
}

#ifndef SIMNVML_OLD_DRIVER
SIM_EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo_v2(nvmlDevice_t device, nvmlMemory_v2_t *memory)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetMemoryInfo_v2, device, SIM_MIG_OK);
    if (rc != NVML_SUCCESS)
        return rc;
    if (memory == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    if (memory->version != nvmlMemory_v2)
        return sim_leave(&c, NVML_ERROR_ARGUMENT_VERSION_MISMATCH);
    unsigned long long total, reserved, used;
    memory_of(&c, &total, &reserved, &used);
    memory->total = total;
    memory->reserved = reserved;
    memory->used = used;
    memory->free = minus(total, reserved + used);
    return sim_leave(&c, NVML_SUCCESS);
}
#endif

SIM_EXPORT nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t device, nvmlTemperatureSensors_t sensorType,
                                                 unsigned int *temp)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetTemperature, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (temp == NULL || sensorType != NVML_TEMPERATURE_GPU)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *temp = sim_u32(&c.gpu->v[GK_TEMPERATURE], c.t);
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *power)
{
    return get_u32(FN_nvmlDeviceGetPowerUsage, device, GK_POWER_USAGE, power);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t device, unsigned int *limit)
{
    return get_u32(FN_nvmlDeviceGetEnforcedPowerLimit, device, GK_POWER_LIMIT, limit);
}

#ifndef SIMNVML_OLD_DRIVER
SIM_EXPORT nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t device, unsigned long long *energy)
{
    return get_u64(FN_nvmlDeviceGetTotalEnergyConsumption, device, GK_ENERGY, energy);
}
#endif

SIM_EXPORT nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t device, nvmlClockType_t type, unsigned int *clock)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetClockInfo, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    sim_gpu_key key;
    switch (type) {
    case NVML_CLOCK_GRAPHICS: key = GK_CLOCK_GRAPHICS; break;
    case NVML_CLOCK_SM: key = GK_CLOCK_SM; break;
    case NVML_CLOCK_MEM: key = GK_CLOCK_MEM; break;
    case NVML_CLOCK_VIDEO: key = GK_CLOCK_VIDEO; break;
    default: return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    }
    if (clock == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *clock = sim_u32(&c.gpu->v[key], c.t);
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetPerformanceState(nvmlDevice_t device, nvmlPstates_t *pState)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetPerformanceState, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (pState == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    unsigned p = sim_u32(&c.gpu->v[GK_PSTATE], c.t);
    *pState = p <= NVML_PSTATE_15 ? (nvmlPstates_t)p : NVML_PSTATE_UNKNOWN;
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetCurrentClocksThrottleReasons(nvmlDevice_t device,
                                                                  unsigned long long *clocksThrottleReasons)
{
    return get_u64(FN_nvmlDeviceGetCurrentClocksThrottleReasons, device, GK_EVENT_REASONS, clocksThrottleReasons);
}

static nvmlReturn_t codec_utilization(sim_fn fn, nvmlDevice_t device, sim_gpu_key key, unsigned int *utilization,
                                      unsigned int *samplingPeriodUs)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, fn, device, SIM_NOT_IN_MIG_MODE);
    if (rc != NVML_SUCCESS)
        return rc;
    if (utilization == NULL || samplingPeriodUs == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *utilization = sim_u32(&c.gpu->v[key], c.t);
    *samplingPeriodUs = SAMPLING_PERIOD_US;
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetEncoderUtilization(nvmlDevice_t device, unsigned int *utilization,
                                                        unsigned int *samplingPeriodUs)
{
    return codec_utilization(FN_nvmlDeviceGetEncoderUtilization, device, GK_ENCODER, utilization, samplingPeriodUs);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetDecoderUtilization(nvmlDevice_t device, unsigned int *utilization,
                                                        unsigned int *samplingPeriodUs)
{
    return codec_utilization(FN_nvmlDeviceGetDecoderUtilization, device, GK_DECODER, utilization, samplingPeriodUs);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetPcieThroughput(nvmlDevice_t device, nvmlPcieUtilCounter_t counter,
                                                    unsigned int *value)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetPcieThroughput, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (value == NULL || (counter != NVML_PCIE_UTIL_TX_BYTES && counter != NVML_PCIE_UTIL_RX_BYTES))
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *value = sim_u32(&c.gpu->v[counter == NVML_PCIE_UTIL_TX_BYTES ? GK_PCIE_TX : GK_PCIE_RX], c.t);
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetPcieReplayCounter(nvmlDevice_t device, unsigned int *value)
{
    return get_u32(FN_nvmlDeviceGetPcieReplayCounter, device, GK_PCIE_REPLAY, value);
}

/* PCIe link generation and width (lanes), current and maximum. NVML has had these since its first
 * releases (Fermi), so the old-driver build keeps them. A driver lowers the current generation at
 * idle to save power; the current width stays at the maximum unless the link trained narrower (a
 * badly seated card, a damaged riser). As on real boards, a MIG device handle answers NOT_SUPPORTED
 * and a GPU in MIG mode answers for the whole board. */
SIM_EXPORT nvmlReturn_t nvmlDeviceGetCurrPcieLinkGeneration(nvmlDevice_t device, unsigned int *currLinkGen)
{
    return get_u32(FN_nvmlDeviceGetCurrPcieLinkGeneration, device, GK_PCIE_LINK_GEN, currLinkGen);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetCurrPcieLinkWidth(nvmlDevice_t device, unsigned int *currLinkWidth)
{
    return get_u32(FN_nvmlDeviceGetCurrPcieLinkWidth, device, GK_PCIE_LINK_WIDTH, currLinkWidth);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetMaxPcieLinkGeneration(nvmlDevice_t device, unsigned int *maxLinkGen)
{
    return get_u32(FN_nvmlDeviceGetMaxPcieLinkGeneration, device, GK_PCIE_LINK_MAX_GEN, maxLinkGen);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetMaxPcieLinkWidth(nvmlDevice_t device, unsigned int *maxLinkWidth)
{
    return get_u32(FN_nvmlDeviceGetMaxPcieLinkWidth, device, GK_PCIE_LINK_MAX_WIDTH, maxLinkWidth);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetTotalEccErrors(nvmlDevice_t device, nvmlMemoryErrorType_t errorType,
                                                    nvmlEccCounterType_t counterType, unsigned long long *eccCounts)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetTotalEccErrors, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (eccCounts == NULL || (errorType != NVML_MEMORY_ERROR_TYPE_CORRECTED &&
                              errorType != NVML_MEMORY_ERROR_TYPE_UNCORRECTED) ||
        (counterType != NVML_VOLATILE_ECC && counterType != NVML_AGGREGATE_ECC))
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    int corrected = errorType == NVML_MEMORY_ERROR_TYPE_CORRECTED;
    sim_gpu_key key = counterType == NVML_AGGREGATE_ECC
                          ? (corrected ? GK_ECC_CORRECTED : GK_ECC_UNCORRECTED)
                          : (corrected ? GK_ECC_CORRECTED_VOLATILE : GK_ECC_UNCORRECTED_VOLATILE);
    *eccCounts = sim_u64(&c.gpu->v[key], c.t);
    return sim_leave(&c, NVML_SUCCESS);
}

#ifndef SIMNVML_OLD_DRIVER
/* Ampere and newer; NOT_SUPPORTED unless the scenario gives a remapped_rows_* key, and (nvml.h)
 * on a GPU in MIG mode. */
SIM_EXPORT nvmlReturn_t nvmlDeviceGetRemappedRows(nvmlDevice_t device, unsigned int *corrRows, unsigned int *uncRows,
                                                  unsigned int *isPending, unsigned int *failureOccurred)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetRemappedRows, device, SIM_NOT_IN_MIG_MODE);
    if (rc != NVML_SUCCESS)
        return rc;
    const sim_gpu *g = c.gpu;
    if (!g->given[GK_REMAP_CORRECTABLE] && !g->given[GK_REMAP_UNCORRECTABLE] && !g->given[GK_REMAP_PENDING] &&
        !g->given[GK_REMAP_FAILURE])
        return sim_leave(&c, NVML_ERROR_NOT_SUPPORTED);
    if (corrRows == NULL || uncRows == NULL || isPending == NULL || failureOccurred == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *corrRows = sim_u32(&g->v[GK_REMAP_CORRECTABLE], c.t);
    *uncRows = sim_u32(&g->v[GK_REMAP_UNCORRECTABLE], c.t);
    *isPending = sim_u32(&g->v[GK_REMAP_PENDING], c.t) != 0;
    *failureOccurred = sim_u32(&g->v[GK_REMAP_FAILURE], c.t) != 0;
    return sim_leave(&c, NVML_SUCCESS);
}
#endif

/* Each limiter answers NOT_SUPPORTED unless its violation_* key is given; the two totals
 * (TOTAL_APP_CLOCKS, TOTAL_BASE_CLOCKS) always do. referenceTime is the CPU time in microseconds. */
SIM_EXPORT nvmlReturn_t nvmlDeviceGetViolationStatus(nvmlDevice_t device, nvmlPerfPolicyType_t perfPolicyType,
                                                     nvmlViolationTime_t *violTime)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetViolationStatus, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (violTime == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    if (perfPolicyType == NVML_PERF_POLICY_TOTAL_APP_CLOCKS || perfPolicyType == NVML_PERF_POLICY_TOTAL_BASE_CLOCKS)
        return sim_leave(&c, NVML_ERROR_NOT_SUPPORTED);
    if ((unsigned)perfPolicyType > NVML_PERF_POLICY_RELIABILITY)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    sim_gpu_key key = (sim_gpu_key)(GK_VIOL_POWER + (unsigned)perfPolicyType);
    if (!c.gpu->given[key])
        return sim_leave(&c, NVML_ERROR_NOT_SUPPORTED);
    violTime->referenceTime = (unsigned long long)(sim_load_realtime_us() + (long long)(c.t * 1e6));
    violTime->violationTime = sim_u64(&c.gpu->v[key], c.t);
    return sim_leave(&c, NVML_SUCCESS);
}

#ifndef SIMNVML_OLD_DRIVER
/* Fans: NOT_SUPPORTED unless the scenario gives `fans` (a passively cooled board); every fan
 * answers `fan_speed`. */
SIM_EXPORT nvmlReturn_t nvmlDeviceGetNumFans(nvmlDevice_t device, unsigned int *numFans)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetNumFans, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (!c.gpu->given[GK_FANS])
        return sim_leave(&c, NVML_ERROR_NOT_SUPPORTED);
    if (numFans == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *numFans = sim_u32(&c.gpu->v[GK_FANS], c.t);
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetFanSpeed_v2(nvmlDevice_t device, unsigned int fan, unsigned int *speed)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetFanSpeed_v2, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (!c.gpu->given[GK_FANS] || sim_u32(&c.gpu->v[GK_FANS], c.t) == 0)
        return sim_leave(&c, NVML_ERROR_NOT_SUPPORTED);
    if (speed == NULL || fan >= sim_u32(&c.gpu->v[GK_FANS], c.t))
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *speed = sim_u32(&c.gpu->v[GK_FAN_SPEED], c.t);
    return sim_leave(&c, NVML_SUCCESS);
}
#endif

/* Field values: NVML_FI_DEV_MEMORY_TEMP answers `memory_temperature` where given; every other field
 * (and memory temperature without the key) NOT_SUPPORTED in its own nvmlReturn, as the driver does
 * for fields a device lacks. The call itself succeeds. */
SIM_EXPORT nvmlReturn_t nvmlDeviceGetFieldValues(nvmlDevice_t device, int valuesCount, nvmlFieldValue_t *values)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetFieldValues, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (values == NULL || valuesCount <= 0)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    long long now_us = sim_load_realtime_us() + (long long)(c.t * 1e6);
    for (int i = 0; i < valuesCount; i++) {
        nvmlFieldValue_t *f = &values[i];
        f->timestamp = now_us;
        f->latencyUsec = 0;
        memset(&f->value, 0, sizeof f->value);
        if (f->fieldId == NVML_FI_DEV_MEMORY_TEMP && c.gpu->given[GK_MEMORY_TEMP]) {
            f->valueType = NVML_VALUE_TYPE_UNSIGNED_INT;
            f->value.uiVal = sim_u32(&c.gpu->v[GK_MEMORY_TEMP], c.t);
            f->nvmlReturn = NVML_SUCCESS;
        } else {
            f->nvmlReturn = NVML_ERROR_NOT_SUPPORTED;
        }
    }
    return sim_leave(&c, NVML_SUCCESS);
}

/* Page retirement (Kepler to Turing): NOT_SUPPORTED unless the scenario gives a retired_pages_*
 * key. Addresses are made up (page i at 0x1000 * (i + 1)). */
static int retirement_given(const sim_gpu *g)
{
    return g->given[GK_RETIRED_SBE] || g->given[GK_RETIRED_DBE] || g->given[GK_RETIRED_PENDING];
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetRetiredPages(nvmlDevice_t device, nvmlPageRetirementCause_t cause,
                                                  unsigned int *pageCount, unsigned long long *addresses)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetRetiredPages, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (!retirement_given(c.gpu))
        return sim_leave(&c, NVML_ERROR_NOT_SUPPORTED);
    if (pageCount == NULL || (cause != NVML_PAGE_RETIREMENT_CAUSE_MULTIPLE_SINGLE_BIT_ECC_ERRORS &&
                              cause != NVML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR) ||
        (addresses == NULL && *pageCount > 0))
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    unsigned n = sim_u32(&c.gpu->v[cause == NVML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR ? GK_RETIRED_DBE
                                                                                          : GK_RETIRED_SBE], c.t);
    if (*pageCount < n) {
        *pageCount = n;
        return sim_leave(&c, NVML_ERROR_INSUFFICIENT_SIZE);
    }
    for (unsigned i = 0; i < n; i++)
        addresses[i] = 0x1000ULL * (i + 1);
    *pageCount = n;
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetRetiredPagesPendingStatus(nvmlDevice_t device, nvmlEnableState_t *isPending)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetRetiredPagesPendingStatus, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (!retirement_given(c.gpu))
        return sim_leave(&c, NVML_ERROR_NOT_SUPPORTED);
    if (isPending == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *isPending = sim_u32(&c.gpu->v[GK_RETIRED_PENDING], c.t) ? NVML_FEATURE_ENABLED : NVML_FEATURE_DISABLED;
    return sim_leave(&c, NVML_SUCCESS);
}

/* NVLink: without `nvlinks` the GPU has none (NOT_SUPPORTED). Links 0 .. nvlinks-1 are active; a link
 * past them INVALID_ARGUMENT. Error counter L of a kind answers the kind's value × (L + 1), so that
 * links differ; the ECC_DATA counter NOT_SUPPORTED. */
static nvmlReturn_t nvlink_enter(sim_call *c, sim_fn fn, nvmlDevice_t device, unsigned int link)
{
    nvmlReturn_t rc = sim_enter_device(c, fn, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (!c->gpu->given[GK_NVLINKS])
        return sim_leave(c, NVML_ERROR_NOT_SUPPORTED);
    unsigned links = sim_u32(&c->gpu->v[GK_NVLINKS], c->t);
    if (link >= links || link >= NVML_NVLINK_MAX_LINKS)
        return sim_leave(c, NVML_ERROR_INVALID_ARGUMENT);
    return NVML_SUCCESS;
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetNvLinkState(nvmlDevice_t device, unsigned int link, nvmlEnableState_t *isActive)
{
    sim_call c;
    nvmlReturn_t rc = nvlink_enter(&c, FN_nvmlDeviceGetNvLinkState, device, link);
    if (rc != NVML_SUCCESS)
        return rc;
    if (isActive == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    *isActive = NVML_FEATURE_ENABLED;
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceGetNvLinkErrorCounter(nvmlDevice_t device, unsigned int link,
                                                        nvmlNvLinkErrorCounter_t counter,
                                                        unsigned long long *counterValue)
{
    sim_call c;
    nvmlReturn_t rc = nvlink_enter(&c, FN_nvmlDeviceGetNvLinkErrorCounter, device, link);
    if (rc != NVML_SUCCESS)
        return rc;
    if (counterValue == NULL || (unsigned)counter >= NVML_NVLINK_ERROR_COUNT)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    if (counter > NVML_NVLINK_ERROR_DL_CRC_DATA)
        return sim_leave(&c, NVML_ERROR_NOT_SUPPORTED);
    *counterValue = sim_u64(&c.gpu->v[GK_NVLINK_REPLAY + (unsigned)counter], c.t) * (link + 1);
    return sim_leave(&c, NVML_SUCCESS);
}
