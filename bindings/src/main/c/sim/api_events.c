/*
 * NVML API: event sets. The simulator knows one event type, XID critical errors, taken
 * from the scenario's [event] sections (sorted by time at load).
 *
 * An event is delivered once per event set, to the first wait after its time has come
 * whose set has its GPU registered. Unlike the real driver, an event whose time passed
 * before the GPU was registered is still delivered: scenarios stay deterministic however
 * quickly the agent starts listening.
 *
 * Event sets live in a fixed pool (no allocation, and a stale or foreign pointer is
 * recognised by address); unloading the scenario releases them all.
 */
#include "sim.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

struct nvmlEventSet_st {
    int in_use;
    unsigned long long mask[SIM_MAX_GPUS];          /* registered event types per GPU */
    unsigned char delivered[SIM_MAX_EVENTS / 8];    /* bit per scenario event */
};

static struct nvmlEventSet_st g_sets[SIM_MAX_EVENT_SETS];

void sim_events_reset(void)
{
    memset(g_sets, 0, sizeof g_sets);
}

static struct nvmlEventSet_st *find_set(nvmlEventSet_t set)
{
    uintptr_t p = (uintptr_t)set, s0 = (uintptr_t)&g_sets[0];
    if (p < s0 || p >= s0 + sizeof g_sets || (p - s0) % sizeof g_sets[0] != 0)
        return NULL;
    return set->in_use ? set : NULL;
}

SIM_EXPORT nvmlReturn_t nvmlEventSetCreate(nvmlEventSet_t *set)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter(&c);
    if (rc != NVML_SUCCESS)
        return rc;
    if (set == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    for (unsigned i = 0; i < SIM_MAX_EVENT_SETS; i++) {
        if (!g_sets[i].in_use) {
            memset(&g_sets[i], 0, sizeof g_sets[i]);
            g_sets[i].in_use = 1;
            *set = &g_sets[i];
            return sim_leave(&c, NVML_SUCCESS);
        }
    }
    return sim_leave(&c, NVML_ERROR_UNKNOWN); /* pool exhausted: sets are being leaked */
}

/* XID critical errors, unless the scenario lists nvmlDeviceRegisterEvents as unsupported. */
SIM_EXPORT nvmlReturn_t nvmlDeviceGetSupportedEventTypes(nvmlDevice_t device, unsigned long long *eventTypes)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceGetSupportedEventTypes, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    if (eventTypes == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    int registrable = !sim_fn_mask_has(&c.gpu->unsupported, FN_nvmlDeviceRegisterEvents);
    *eventTypes = registrable ? (unsigned long long)nvmlEventTypeXidCriticalError : 0;
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlDeviceRegisterEvents(nvmlDevice_t device, unsigned long long eventTypes,
                                                 nvmlEventSet_t set)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter_device(&c, FN_nvmlDeviceRegisterEvents, device, 0);
    if (rc != NVML_SUCCESS)
        return rc;
    struct nvmlEventSet_st *s = find_set(set);
    if (s == NULL || eventTypes == 0)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    /* nvml.h: when some requested type is not supported, none is registered. */
    if (eventTypes & ~(unsigned long long)nvmlEventTypeXidCriticalError)
        return sim_leave(&c, NVML_ERROR_NOT_SUPPORTED);
    s->mask[c.gpu->index] |= eventTypes;
    sim_wake_all(); /* a waiter may now have a due event */
    return sim_leave(&c, NVML_SUCCESS);
}

SIM_EXPORT nvmlReturn_t nvmlEventSetWait_v2(nvmlEventSet_t set, nvmlEventData_t *data, unsigned int timeoutms)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter(&c);
    if (rc != NVML_SUCCESS)
        return rc;
    struct nvmlEventSet_st *s = find_set(set);
    if (s == NULL || data == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);

    unsigned long generation = sim_generation();
    double deadline = c.t + timeoutms / 1000.0;
    for (;;) {
        double t = sim_now_t();
        double next = INFINITY;
        for (unsigned i = 0; i < c.sc->event_count; i++) {
            const sim_event *e = &c.sc->events[i];
            if ((s->delivered[i / 8] & (1u << (i % 8))) ||
                !(s->mask[e->gpu] & (unsigned long long)nvmlEventTypeXidCriticalError))
                continue;
            if (e->at > t) {
                next = e->at; /* sorted: nothing later is due either */
                break;
            }
            s->delivered[i / 8] |= (unsigned char)(1u << (i % 8));
            memset(data, 0, sizeof *data);
            data->device = sim_gpu_handle(e->gpu);
            data->eventType = nvmlEventTypeXidCriticalError;
            data->eventData = e->xid;
            data->gpuInstanceId = e->gpu_instance_id;
            data->computeInstanceId = e->compute_instance_id;
            return sim_leave(&c, NVML_SUCCESS);
        }
        if (t >= deadline)
            return sim_leave(&c, NVML_ERROR_TIMEOUT);
        sim_wait_until(next < deadline ? next : deadline); /* without the lock */
        if (sim_generation() != generation) /* shut down (and maybe reloaded) meanwhile */
            return sim_leave(&c, sim_loaded() ? NVML_ERROR_INVALID_ARGUMENT : NVML_ERROR_UNINITIALIZED);
        if (!s->in_use) /* freed by another thread */
            return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    }
}

SIM_EXPORT nvmlReturn_t nvmlEventSetFree(nvmlEventSet_t set)
{
    sim_call c;
    nvmlReturn_t rc = sim_enter(&c);
    if (rc != NVML_SUCCESS)
        return rc;
    struct nvmlEventSet_st *s = find_set(set);
    if (s == NULL)
        return sim_leave(&c, NVML_ERROR_INVALID_ARGUMENT);
    s->in_use = 0;
    sim_wake_all();
    return sim_leave(&c, NVML_SUCCESS);
}
