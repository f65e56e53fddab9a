/*
 * Smoke test of the simulated NVML (bindings/src/main/c/sim, docs/simulated-nvml.md).
 *
 * Usage:  sim_smoke LIB SCENARIO [OLD_LIB]
 *   LIB       path of libnvidia-ml-sim.so
 *   SCENARIO  path of test-node.conf; default.conf next to it is loaded too when present
 *   OLD_LIB   optional: path of libnvidia-ml-sim-old.so, checked for the functions it lacks
 *
 * Build:  gcc -o sim_smoke sim_smoke.c -ldl      (uses nvml.h for the types only)
 *
 * It dlopens LIB, calls every exported function at least once and checks the answers
 * against test-node.conf; then exercises the faults (init failures, a lost GPU, a 200 ms
 * hang, unsupported functions, parse errors). The throwaway scenarios it needs are written
 * to $TMPDIR (default /tmp) as sim-smoke-<pid>-<name>.conf and removed at the end.
 * The first failed check prints what failed and exits 1; success prints
 * "sim smoke: N checks passed" and exits 0.
 */
#define _GNU_SOURCE
#define NVML_NO_UNVERSIONED_FUNC_DEFS
#include <nvml.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ checking */

static int checks;

static void failed(int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "sim smoke: FAILED (sim_smoke.c:%d): ", line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

#define CHECK(cond, ...)                  \
    do {                                  \
        checks++;                         \
        if (!(cond))                      \
            failed(__LINE__, __VA_ARGS__); \
    } while (0)

#define RC(call, want)                                                                            \
    do {                                                                                          \
        nvmlReturn_t rc_ = (call);                                                                \
        CHECK(rc_ == (want), "%s answered %d (%s), expected %d (%s)", #call, (int)rc_,            \
              p_nvmlErrorString(rc_), (int)(want), p_nvmlErrorString(want));                      \
    } while (0)

#define OK(call) RC(call, NVML_SUCCESS)

#define EQ(actual, expected)                                                                     \
    do {                                                                                         \
        unsigned long long a_ = (unsigned long long)(actual), e_ = (unsigned long long)(expected); \
        CHECK(a_ == e_, "%s = %llu (0x%llx), expected %llu (0x%llx)", #actual, a_, a_, e_, e_);   \
    } while (0)

#define STREQ(actual, expected)                                                                   \
    do {                                                                                          \
        const char *a_ = (actual), *e_ = (expected);                                              \
        CHECK(a_ != NULL && strcmp(a_, e_) == 0, "%s = \"%s\", expected \"%s\"", #actual,          \
              a_ ? a_ : "(null)", e_);                                                            \
    } while (0)

#define CONTAINS(actual, part)                                                                    \
    do {                                                                                          \
        const char *a_ = (actual), *p_ = (part);                                                  \
        CHECK(a_ != NULL && strstr(a_, p_) != NULL, "%s = \"%s\" does not contain \"%s\"", #actual, \
              a_ ? a_ : "(null)", p_);                                                            \
    } while (0)

/* ------------------------------------------------------------- the library */

#define NVML_FUNCTIONS(X)                                                                                   \
    X(nvmlInit_v2) X(nvmlInitWithFlags) X(nvmlShutdown) X(nvmlErrorString) X(nvmlSystemGetDriverVersion)    \
    X(nvmlSystemGetNVMLVersion) X(nvmlSystemGetCudaDriverVersion_v2) X(nvmlDeviceGetCount_v2)              \
    X(nvmlDeviceGetHandleByIndex_v2) X(nvmlDeviceGetUUID) X(nvmlDeviceGetName) X(nvmlDeviceGetIndex)       \
    X(nvmlDeviceGetMinorNumber) X(nvmlDeviceGetPciInfo_v3) X(nvmlDeviceGetUtilizationRates)                \
    X(nvmlDeviceGetMemoryInfo) X(nvmlDeviceGetMemoryInfo_v2) X(nvmlDeviceGetTemperature)                   \
    X(nvmlDeviceGetPowerUsage) X(nvmlDeviceGetEnforcedPowerLimit) X(nvmlDeviceGetTotalEnergyConsumption)   \
    X(nvmlDeviceGetClockInfo) X(nvmlDeviceGetPerformanceState) X(nvmlDeviceGetCurrentClocksThrottleReasons) \
    X(nvmlDeviceGetEncoderUtilization) X(nvmlDeviceGetDecoderUtilization) X(nvmlDeviceGetPcieThroughput)   \
    X(nvmlDeviceGetPcieReplayCounter) X(nvmlDeviceGetTotalEccErrors) X(nvmlDeviceGetMigMode)               \
    X(nvmlDeviceGetMaxMigDeviceCount) X(nvmlDeviceGetMigDeviceHandleByIndex) X(nvmlDeviceIsMigDeviceHandle) \
    X(nvmlDeviceGetGpuInstanceId) X(nvmlDeviceGetComputeInstanceId)                                        \
    X(nvmlDeviceGetDeviceHandleFromMigDeviceHandle) X(nvmlDeviceGetComputeRunningProcesses_v3)             \
    X(nvmlDeviceGetGraphicsRunningProcesses_v3) X(nvmlDeviceGetMPSComputeRunningProcesses_v3)              \
    X(nvmlDeviceGetProcessUtilization) X(nvmlEventSetCreate) X(nvmlDeviceGetSupportedEventTypes)           \
    X(nvmlDeviceRegisterEvents) X(nvmlEventSetWait_v2) X(nvmlEventSetFree)

#define DECLARE(name) static __typeof__(name) *p_##name;
NVML_FUNCTIONS(DECLARE)
#undef DECLARE
static int (*p_set_scenario)(const char *);
static const char *(*p_last_error)(void);
static int (*p_calls)(void);

static void *must_sym(void *lib, const char *name)
{
    void *f = dlsym(lib, name);
    CHECK(f != NULL, "the library does not export %s", name);
    return f;
}

static void bind(void *lib)
{
#define BIND(name) p_##name = (__typeof__(p_##name))must_sym(lib, #name);
    NVML_FUNCTIONS(BIND)
#undef BIND
    p_set_scenario = (int (*)(const char *))must_sym(lib, "simnvml_set_scenario");
    p_last_error = (const char *(*)(void))must_sym(lib, "simnvml_last_error");
    p_calls = (int (*)(void))must_sym(lib, "simnvml_calls");
}

/* --------------------------------------------------------------- helpers */

static char tmp_files[16][512];
static int tmp_count;

static const char *write_scenario(const char *name, const char *text)
{
    const char *dir = getenv("TMPDIR");
    char *path = tmp_files[tmp_count++];
    snprintf(path, sizeof tmp_files[0], "%s/sim-smoke-%d-%s.conf", dir && *dir ? dir : "/tmp", (int)getpid(), name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
    return path;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned long long realtime_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (unsigned long long)ts.tv_sec * 1000000ULL + ts.tv_nsec / 1000;
}

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

static nvmlDevice_t handle(unsigned index)
{
    nvmlDevice_t d = NULL;
    OK(p_nvmlDeviceGetHandleByIndex_v2(index, &d));
    return d;
}

static void load(const char *scenario_path)
{
    CHECK(p_set_scenario(scenario_path) == 0, "simnvml_set_scenario failed");
    OK(p_nvmlInit_v2());
    STREQ(p_last_error(), "");
}

/* Expects init to fail to parse `text` with an error containing `part`. */
static void parse_error(const char *name, const char *text, const char *part)
{
    const char *path = write_scenario(name, text);
    p_set_scenario(path);
    RC(p_nvmlInit_v2(), NVML_ERROR_UNKNOWN);
    CONTAINS(p_last_error(), part);
    CONTAINS(p_last_error(), path);
    RC(p_nvmlDeviceGetCount_v2(&(unsigned){ 0 }), NVML_ERROR_UNINITIALIZED);
}

#include "sim_smoke_checks.inc"
