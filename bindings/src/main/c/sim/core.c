/*
 * The simulator's global state and the machinery every API call goes through:
 * one mutex, device handles, the scenario's clock, and fault injection (lost GPUs,
 * hanging calls, unsupported functions), plus the simnvml_* control functions.
 *
 * Locking: every API call takes g_lock for its whole duration except while it sleeps
 * (a hanging call, nvmlEventSetWait_v2); a sleeper re-checks g_generation when it wakes,
 * because the scenario it was working on may have been unloaded in the meantime.
 */
#include "sim.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A small scenario for when neither simnvml_set_scenario nor GPU_AGENT_SIM_SCENARIO names one. */
static const char builtin_scenario[] =
    "# built-in: one idle GPU\n"
    "[gpu]\n"
    "name = NVIDIA A100-SXM4-40GB\n"
    "utilization_gpu = sine(0, 100, 60)\n";

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_cond;            /* on CLOCK_MONOTONIC; see sim_setup */
static scenario *g_sc;                   /* NULL while not initialised */
static unsigned g_refcount;
static unsigned long g_generation;
static struct timespec g_load_mono;
static long long g_load_real_us;
static char g_scenario_path[4096];       /* "" = use the environment or the built-in */
static unsigned g_init_failures_answered;
static char g_last_error[1024];
static atomic_ullong g_calls;

/* Handles are addresses of these slots: stable, never freed, so a stale or foreign pointer
 * can be recognised by address alone (without dereferencing it). The slot's meaning (GPU i,
 * MIG device j of GPU i) is fixed; whether it exists depends on the loaded scenario. */
struct nvmlDevice_st {
    unsigned short gpu;   /* index of the GPU (the parent, for a MIG device) */
    unsigned short mig;   /* 0 for the full GPU, else 1 + the MIG device index */
    unsigned magic;       /* for debuggers; validity is decided by address */
};
static struct nvmlDevice_st g_gpu_handles[SIM_MAX_GPUS];
static struct nvmlDevice_st g_mig_handles[SIM_MAX_GPUS][SIM_MAX_MIG_PER_GPU];

__attribute__((constructor)) static void sim_setup(void)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&g_cond, &attr);
    pthread_condattr_destroy(&attr);
    for (unsigned i = 0; i < SIM_MAX_GPUS; i++) {
        g_gpu_handles[i] = (struct nvmlDevice_st){ (unsigned short)i, 0, 0x53494D47u };
        for (unsigned m = 0; m < SIM_MAX_MIG_PER_GPU; m++)
            g_mig_handles[i][m] = (struct nvmlDevice_st){ (unsigned short)i, (unsigned short)(m + 1), 0x53494D47u };
    }
}

/* ------------------------------------------------------------------ name tables */

#define SIM_FN_ROW(name, dev) { #name, dev },
static const struct {
    const char *name;
    int device;
} fn_table[FN_COUNT] = { SIM_FUNCTIONS(SIM_FN_ROW) };
#undef SIM_FN_ROW

int sim_fn_lookup(const char *name, int *is_device)
{
    for (int i = 0; i < FN_COUNT; i++) {
        if (strcmp(fn_table[i].name, name) == 0) {
            *is_device = fn_table[i].device;
            return i;
        }
    }
    return -1;
}

const char *sim_fn_name(sim_fn fn)
{
    return fn < FN_COUNT ? fn_table[fn].name : "?";
}

static const struct {
    int code;
    const char *name;
} return_names[] = {
    { NVML_SUCCESS, "SUCCESS" },
    { NVML_ERROR_UNINITIALIZED, "UNINITIALIZED" },
    { NVML_ERROR_INVALID_ARGUMENT, "INVALID_ARGUMENT" },
    { NVML_ERROR_NOT_SUPPORTED, "NOT_SUPPORTED" },
    { NVML_ERROR_NO_PERMISSION, "NO_PERMISSION" },
    { NVML_ERROR_ALREADY_INITIALIZED, "ALREADY_INITIALIZED" },
    { NVML_ERROR_NOT_FOUND, "NOT_FOUND" },
    { NVML_ERROR_INSUFFICIENT_SIZE, "INSUFFICIENT_SIZE" },
    { NVML_ERROR_INSUFFICIENT_POWER, "INSUFFICIENT_POWER" },
    { NVML_ERROR_DRIVER_NOT_LOADED, "DRIVER_NOT_LOADED" },
    { NVML_ERROR_TIMEOUT, "TIMEOUT" },
    { NVML_ERROR_IRQ_ISSUE, "IRQ_ISSUE" },
    { NVML_ERROR_LIBRARY_NOT_FOUND, "LIBRARY_NOT_FOUND" },
    { NVML_ERROR_FUNCTION_NOT_FOUND, "FUNCTION_NOT_FOUND" },
    { NVML_ERROR_CORRUPTED_INFOROM, "CORRUPTED_INFOROM" },
    { NVML_ERROR_GPU_IS_LOST, "GPU_IS_LOST" },
    { NVML_ERROR_RESET_REQUIRED, "RESET_REQUIRED" },
    { NVML_ERROR_OPERATING_SYSTEM, "OPERATING_SYSTEM" },
    { NVML_ERROR_LIB_RM_VERSION_MISMATCH, "LIB_RM_VERSION_MISMATCH" },
    { NVML_ERROR_IN_USE, "IN_USE" },
    { NVML_ERROR_MEMORY, "MEMORY" },
    { NVML_ERROR_NO_DATA, "NO_DATA" },
    { NVML_ERROR_VGPU_ECC_NOT_SUPPORTED, "VGPU_ECC_NOT_SUPPORTED" },
    { NVML_ERROR_INSUFFICIENT_RESOURCES, "INSUFFICIENT_RESOURCES" },
    { NVML_ERROR_FREQ_NOT_SUPPORTED, "FREQ_NOT_SUPPORTED" },
    { NVML_ERROR_ARGUMENT_VERSION_MISMATCH, "ARGUMENT_VERSION_MISMATCH" },
    { 26, "DEPRECATED" }, /* newer drivers' NVML_ERROR_DEPRECATED, not in the 535 header */
    { NVML_ERROR_UNKNOWN, "UNKNOWN" },
};

int sim_return_lookup(const char *name)
{
    if (strncmp(name, "NVML_ERROR_", 11) == 0)
        name += 11;
    else if (strcmp(name, "NVML_SUCCESS") == 0)
        name = "SUCCESS";
    for (unsigned i = 0; i < sizeof return_names / sizeof return_names[0]; i++)
        if (strcmp(return_names[i].name, name) == 0)
            return return_names[i].code;
    return -1;
}

/* ----------------------------------------------------------------- time & state */

static double mono_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

double sim_now_t(void)
{
    return mono_since(&g_load_mono);
}

long long sim_load_realtime_us(void)
{
    return g_load_real_us;
}

unsigned long sim_generation(void)
{
    return g_generation;
}

int sim_loaded(void)
{
    return g_sc != NULL;
}

void sim_wait_until(double t_abs)
{
    struct timespec ts = g_load_mono;
    double whole = (double)(long long)t_abs;
    ts.tv_sec += (time_t)whole;
    ts.tv_nsec += (long)((t_abs - whole) * 1e9);
    while (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&g_cond, &g_lock, &ts); /* releases g_lock while waiting */
}

void sim_wake_all(void)
{
    pthread_cond_broadcast(&g_cond);
}

nvmlDevice_t sim_gpu_handle(unsigned gpu)
{
    return &g_gpu_handles[gpu];
}

nvmlDevice_t sim_mig_handle(unsigned gpu, unsigned mig)
{
    return &g_mig_handles[gpu][mig];
}

/* Maps a handle to the loaded scenario's GPU / MIG device; 0 if it names none. */
static int resolve(nvmlDevice_t h, sim_gpu **gpu, sim_mig **mig)
{
    uintptr_t p = (uintptr_t)h;
    uintptr_t g0 = (uintptr_t)&g_gpu_handles[0], m0 = (uintptr_t)&g_mig_handles[0][0];
    if (p >= g0 && p < g0 + sizeof g_gpu_handles) {
        size_t i = (p - g0) / sizeof g_gpu_handles[0];
        if ((p - g0) % sizeof g_gpu_handles[0] != 0 || i >= g_sc->gpu_count)
            return 0;
        *gpu = &g_sc->gpus[i];
        *mig = NULL;
        return 1;
    }
    if (p >= m0 && p < m0 + sizeof g_mig_handles) {
        size_t k = (p - m0) / sizeof g_mig_handles[0][0];
        size_t i = k / SIM_MAX_MIG_PER_GPU, m = k % SIM_MAX_MIG_PER_GPU;
        if ((p - m0) % sizeof g_mig_handles[0][0] != 0 || i >= g_sc->gpu_count || m >= g_sc->gpus[i].mig_count)
            return 0;
        *gpu = &g_sc->gpus[i];
        *mig = &g_sc->gpus[i].mig[m];
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------- call frame */

void sim_count_call(void)
{
    atomic_fetch_add_explicit(&g_calls, 1, memory_order_relaxed);
}

nvmlReturn_t sim_enter(sim_call *c)
{
    sim_count_call();
    pthread_mutex_lock(&g_lock);
    if (g_sc == NULL) {
        pthread_mutex_unlock(&g_lock);
        return NVML_ERROR_UNINITIALIZED;
    }
    c->sc = g_sc;
    c->gpu = NULL;
    c->mig = NULL;
    c->t = sim_now_t();
    return NVML_SUCCESS;
}

nvmlReturn_t sim_leave(sim_call *c, nvmlReturn_t rc)
{
    (void)c;
    pthread_mutex_unlock(&g_lock);
    return rc;
}

/* Sleeps a whole duration even if signals interrupt it. */
static void sleep_seconds(double s)
{
    struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

nvmlReturn_t sim_enter_device(sim_call *c, sim_fn fn, nvmlDevice_t device, unsigned flags)
{
    nvmlReturn_t rc = sim_enter(c);
    if (rc != NVML_SUCCESS)
        return rc;
    if (!resolve(device, &c->gpu, &c->mig))
        return sim_leave(c, NVML_ERROR_INVALID_ARGUMENT);

    sim_gpu *g = c->gpu;
    g->calls++;

    /* Lost: after lost_after calls every call fails, until recover_after lost answers. */
    if (g->calls > g->lost_after && !g->recovered) {
        if (g->lost_answers >= g->recover_after) {
            g->recovered = 1;
        } else {
            g->lost_answers++;
            return sim_leave(c, NVML_ERROR_GPU_IS_LOST);
        }
    }

    /* Hang: sleep without the lock, then answer normally if the scenario is still the same. */
    if (sim_fn_mask_has(&g->hang_fns, fn) && g->calls > g->hang_after && g->hangs < g->hang_times) {
        g->hangs++;
        unsigned long gen = g_generation;
        double s = g->hang_seconds;
        pthread_mutex_unlock(&g_lock);
        sleep_seconds(s);
        pthread_mutex_lock(&g_lock);
        if (g_generation != gen)
            return sim_leave(c, g_sc ? NVML_ERROR_INVALID_ARGUMENT : NVML_ERROR_UNINITIALIZED);
        c->t = sim_now_t();
    }

    if (sim_fn_mask_has(&g->unsupported, fn))
        return sim_leave(c, NVML_ERROR_NOT_SUPPORTED);
    if (c->mig != NULL && !(flags & SIM_MIG_OK))
        return sim_leave(c, NVML_ERROR_NOT_SUPPORTED);
    if (c->mig == NULL && (flags & SIM_NOT_IN_MIG_MODE) && g->mig_mode == 1)
        return sim_leave(c, NVML_ERROR_NOT_SUPPORTED);
    return NVML_SUCCESS;
}

nvmlReturn_t sim_copy_string(char *dst, unsigned int length, const char *src)
{
    if (dst == NULL)
        return NVML_ERROR_INVALID_ARGUMENT;
    size_t n = strlen(src);
    if ((size_t)length < n + 1)
        return NVML_ERROR_INSUFFICIENT_SIZE;
    memcpy(dst, src, n + 1);
    return NVML_SUCCESS;
}

/* ------------------------------------------------------------------ load/unload */

static nvmlReturn_t sim_init_locked(void)
{
    if (g_refcount > 0) {
        g_refcount++;
        return NVML_SUCCESS;
    }
    const char *path = g_scenario_path[0] ? g_scenario_path : getenv("GPU_AGENT_SIM_SCENARIO");
    if (path != NULL && path[0] == '\0')
        path = NULL;
    char err[sizeof g_last_error];
    scenario *sc = sim_scenario_load(path, builtin_scenario, "<built-in>", err, sizeof err);
    if (sc == NULL) {
        snprintf(g_last_error, sizeof g_last_error, "%s", err);
        return NVML_ERROR_UNKNOWN;
    }
    g_last_error[0] = '\0';
    /* init_failures: the driver "is not there yet" for the first N attempts. */
    if (g_init_failures_answered < sc->init_failures) {
        g_init_failures_answered++;
        nvmlReturn_t rc = sc->init_error;
        sim_scenario_free(sc);
        return rc;
    }
    g_sc = sc;
    g_refcount = 1;
    g_generation++;
    clock_gettime(CLOCK_MONOTONIC, &g_load_mono);
    struct timespec real;
    clock_gettime(CLOCK_REALTIME, &real);
    g_load_real_us = (long long)real.tv_sec * 1000000LL + real.tv_nsec / 1000;
    sim_events_reset();
    sim_gpm_reset();
    return NVML_SUCCESS;
}

static nvmlReturn_t sim_shutdown_locked(void)
{
    if (g_refcount == 0)
        return NVML_ERROR_UNINITIALIZED;
    if (--g_refcount > 0)
        return NVML_SUCCESS;
    sim_scenario_free(g_sc);
    g_sc = NULL;
    g_generation++;
    sim_events_reset();
    sim_gpm_reset();
    sim_wake_all(); /* waiters notice the unload */
    return NVML_SUCCESS;
}

/* Shared by nvmlInit_v2 and nvmlInitWithFlags (api_system.c). */
nvmlReturn_t sim_init(void)
{
    sim_count_call();
    pthread_mutex_lock(&g_lock);
    nvmlReturn_t rc = sim_init_locked();
    pthread_mutex_unlock(&g_lock);
    return rc;
}

nvmlReturn_t sim_shutdown(void)
{
    sim_count_call();
    pthread_mutex_lock(&g_lock);
    nvmlReturn_t rc = sim_shutdown_locked();
    pthread_mutex_unlock(&g_lock);
    return rc;
}

/* ------------------------------------------------------------ control functions */

SIM_EXPORT int simnvml_set_scenario(const char *path)
{
    pthread_mutex_lock(&g_lock);
    snprintf(g_scenario_path, sizeof g_scenario_path, "%s", path ? path : "");
    g_init_failures_answered = 0; /* init_failures counts from here */
    pthread_mutex_unlock(&g_lock);
    return 0;
}

SIM_EXPORT const char *simnvml_last_error(void)
{
    return g_last_error;
}

SIM_EXPORT int simnvml_calls(void)
{
    return (int)atomic_load_explicit(&g_calls, memory_order_relaxed);
}
