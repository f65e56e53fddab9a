/*
 * Smoke test of the simulated NVML (bindings/src/main/c/sim, docs/simulated-nvml.md).
 *
 * Usage:  sim_smoke LIB SCENARIO [OLD_LIB]
 *   LIB       path of libnvidia-ml-sim.so
 *   SCENARIO  path of test-node.conf; default.conf and gpm-node.conf next to it are loaded too
 *             when present
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
    X(nvmlDeviceRegisterEvents) X(nvmlEventSetWait_v2) X(nvmlEventSetFree)                                \
    X(nvmlGpmQueryDeviceSupport) X(nvmlGpmSampleAlloc) X(nvmlGpmSampleFree) X(nvmlGpmSampleGet)            \
    X(nvmlGpmMetricsGet) X(nvmlDeviceGetRemappedRows) X(nvmlDeviceGetViolationStatus)          \
    X(nvmlDeviceGetNumFans) X(nvmlDeviceGetFanSpeed_v2) X(nvmlDeviceGetFieldValues)                  \
    X(nvmlDeviceGetRetiredPages) X(nvmlDeviceGetRetiredPagesPendingStatus) X(nvmlDeviceGetNvLinkState)       \
    X(nvmlDeviceGetNvLinkErrorCounter) X(nvmlDeviceGetCurrPcieLinkGeneration) X(nvmlDeviceGetCurrPcieLinkWidth)   \
    X(nvmlDeviceGetMaxPcieLinkGeneration) X(nvmlDeviceGetMaxPcieLinkWidth)

#define DECLARE(name) static __typeof__(name) *p_##name;
NVML_FUNCTIONS(DECLARE)
#undef DECLARE
/* Newer than the installed nvml.h (see bindings/src/main/jextract/nvml_newer.h). */
static nvmlReturn_t (*p_nvmlGpmMigSampleGet)(nvmlDevice_t, unsigned int, nvmlGpmSample_t);
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
    p_nvmlGpmMigSampleGet = (__typeof__(p_nvmlGpmMigSampleGet))must_sym(lib, "nvmlGpmMigSampleGet");
    p_set_scenario = (int (*)(const char *))must_sym(lib, "simnvml_set_scenario");
    p_last_error = (const char *(*)(void))must_sym(lib, "simnvml_last_error");
    p_calls = (int (*)(void))must_sym(lib, "simnvml_calls");
}

/* --------------------------------------------------------------- helpers */

static char tmp_files[32][512];
static int tmp_count;

static const char *write_scenario(const char *name, const char *text)
{
    const char *dir = getenv("TMPDIR");
    CHECK(tmp_count < (int)(sizeof tmp_files / sizeof tmp_files[0]), "too many scenario files");
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

/* ---------------------------------------------------------- error strings */

static void check_error_strings(void)
{
    /* Exactly what the real libnvidia-ml.so.1 (driver 535) answers. */
    static const struct {
        int code;
        const char *text;
    } expected[] = {
        { 0, "Success" },
        { 1, "Uninitialized" },
        { 2, "Invalid Argument" },
        { 3, "Not Supported" },
        { 4, "Insufficient Permissions" },
        { 5, "Already Initialized" },
        { 6, "Not Found" },
        { 7, "Insufficient Size" },
        { 8, "Insufficient External Power" },
        { 9, "Driver Not Loaded" },
        { 10, "Timeout" },
        { 11, "Interrupt Request Issue" },
        { 12, "NVML Shared Library Not Found" },
        { 13, "Function Not Found" },
        { 14, "Corrupted infoROM" },
        { 15, "GPU is lost" },
        { 16, "GPU requires reset" },
        { 17, "GPU access blocked by the operating system" },
        { 18, "Driver/library version mismatch" },
        { 19, "In use by another client" },
        { 20, "Insufficient Memory" },
        { 21, "No data" },
        { 22, "vGPU ECC not supported" },
        { 23, "Insufficient Resources" },
        { 24, "Invalid Frequency" },
        { 25, "Argument version mismatch" },
        { 26, "Requested functionality has been deprecated" },
        { 999, "Unknown Error" },
        { 12345, "Unknown Error" },
    };
    for (unsigned i = 0; i < sizeof expected / sizeof expected[0]; i++)
        STREQ(p_nvmlErrorString((nvmlReturn_t)expected[i].code), expected[i].text);
}

/* --------------------------------------------------------- before init */

static void check_uninitialized(void)
{
    char buf[96];
    unsigned u;
    int cuda;
    nvmlDevice_t d;
    nvmlEventSet_t set;
    RC(p_nvmlShutdown(), NVML_ERROR_UNINITIALIZED);
    RC(p_nvmlDeviceGetCount_v2(&u), NVML_ERROR_UNINITIALIZED);
    RC(p_nvmlDeviceGetHandleByIndex_v2(0, &d), NVML_ERROR_UNINITIALIZED);
    RC(p_nvmlSystemGetDriverVersion(buf, sizeof buf), NVML_ERROR_UNINITIALIZED);
    RC(p_nvmlSystemGetNVMLVersion(buf, sizeof buf), NVML_ERROR_UNINITIALIZED);
    RC(p_nvmlSystemGetCudaDriverVersion_v2(&cuda), NVML_ERROR_UNINITIALIZED);
    RC(p_nvmlDeviceGetName((nvmlDevice_t)buf, buf, sizeof buf), NVML_ERROR_UNINITIALIZED);
    RC(p_nvmlEventSetCreate(&set), NVML_ERROR_UNINITIALIZED);
}

/* ----------------------------------------------------- test-node: system */

static void check_system(void)
{
    char buf[96];
    int cuda = 0;
    unsigned count = 0;
    nvmlDevice_t d;

    OK(p_nvmlSystemGetDriverVersion(buf, sizeof buf));
    STREQ(buf, "535.261.03");
    RC(p_nvmlSystemGetDriverVersion(buf, 10), NVML_ERROR_INSUFFICIENT_SIZE); /* needs 11 */
    OK(p_nvmlSystemGetDriverVersion(buf, 11));
    RC(p_nvmlSystemGetDriverVersion(NULL, 80), NVML_ERROR_INVALID_ARGUMENT);
    OK(p_nvmlSystemGetNVMLVersion(buf, sizeof buf));
    STREQ(buf, "12.535.261.03");
    OK(p_nvmlSystemGetCudaDriverVersion_v2(&cuda));
    EQ(cuda, 12020);
    RC(p_nvmlSystemGetCudaDriverVersion_v2(NULL), NVML_ERROR_INVALID_ARGUMENT);
    OK(p_nvmlDeviceGetCount_v2(&count));
    EQ(count, 3);
    RC(p_nvmlDeviceGetCount_v2(NULL), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetHandleByIndex_v2(3, &d), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetHandleByIndex_v2(0, NULL), NVML_ERROR_INVALID_ARGUMENT);
    CHECK(handle(0) == handle(0), "handles are not stable");
    CHECK(handle(0) != handle(1), "two GPUs share a handle");

    int before = p_calls();
    p_nvmlDeviceGetCount_v2(&count);
    EQ(p_calls(), before + 1);
}

/* ------------------------------------------------------ test-node: GPU 0 */

static void check_gpu0(void)
{
    nvmlDevice_t d = handle(0);
    char buf[96];
    unsigned u = 0, v = 0;
    unsigned long long ull = 0;

    OK(p_nvmlDeviceGetName(d, buf, sizeof buf));
    STREQ(buf, "NVIDIA A100-SXM4-40GB");
    OK(p_nvmlDeviceGetUUID(d, buf, sizeof buf));
    STREQ(buf, "GPU-11111111-1111-1111-1111-111111111111");
    RC(p_nvmlDeviceGetUUID(d, buf, 40), NVML_ERROR_INSUFFICIENT_SIZE); /* 40 chars + NUL */
    OK(p_nvmlDeviceGetUUID(d, buf, 41));
    RC(p_nvmlDeviceGetUUID(d, NULL, 96), NVML_ERROR_INVALID_ARGUMENT);
    OK(p_nvmlDeviceGetIndex(d, &u));
    EQ(u, 0);
    OK(p_nvmlDeviceGetMinorNumber(d, &u));
    EQ(u, 0);

    nvmlPciInfo_t pci;
    OK(p_nvmlDeviceGetPciInfo_v3(d, &pci));
    STREQ(pci.busId, "00000000:07:00.0");
    STREQ(pci.busIdLegacy, "0000:07:00.0");
    EQ(pci.domain, 0);
    EQ(pci.bus, 7);
    EQ(pci.device, 0);
    EQ(pci.pciDeviceId, 0x20B010DE);
    EQ(pci.pciSubSystemId, 0x134F10DE);

    nvmlUtilization_t util;
    OK(p_nvmlDeviceGetUtilizationRates(d, &util));
    EQ(util.gpu, 75);
    EQ(util.memory, 40);

    nvmlMemory_t m1;
    OK(p_nvmlDeviceGetMemoryInfo(d, &m1));
    EQ(m1.total, 42949672960ULL);
    EQ(m1.used, 10737418240ULL + 536870912ULL);
    EQ(m1.free, 42949672960ULL - 10737418240ULL - 536870912ULL);
    nvmlMemory_v2_t m2 = { .version = nvmlMemory_v2 };
    OK(p_nvmlDeviceGetMemoryInfo_v2(d, &m2));
    EQ(m2.total, 42949672960ULL);
    EQ(m2.reserved, 536870912ULL);
    EQ(m2.used, 10737418240ULL);
    EQ(m2.free, 31675383808ULL);
    m2.version = 1;
    RC(p_nvmlDeviceGetMemoryInfo_v2(d, &m2), NVML_ERROR_ARGUMENT_VERSION_MISMATCH);
    RC(p_nvmlDeviceGetMemoryInfo(d, NULL), NVML_ERROR_INVALID_ARGUMENT);

    OK(p_nvmlDeviceGetTemperature(d, NVML_TEMPERATURE_GPU, &u));
    EQ(u, 62);
    RC(p_nvmlDeviceGetTemperature(d, NVML_TEMPERATURE_COUNT, &u), NVML_ERROR_INVALID_ARGUMENT);
    OK(p_nvmlDeviceGetPowerUsage(d, &u));
    EQ(u, 215000);
    RC(p_nvmlDeviceGetPowerUsage(d, NULL), NVML_ERROR_INVALID_ARGUMENT);
    OK(p_nvmlDeviceGetEnforcedPowerLimit(d, &u));
    EQ(u, 400000);
    OK(p_nvmlDeviceGetTotalEnergyConsumption(d, &ull));
    EQ(ull, 123456789);

    static const struct {
        nvmlClockType_t type;
        unsigned mhz;
    } clocks[] = { { NVML_CLOCK_SM, 1410 }, { NVML_CLOCK_MEM, 1215 }, { NVML_CLOCK_GRAPHICS, 1395 },
                   { NVML_CLOCK_VIDEO, 1275 } };
    for (unsigned i = 0; i < 4; i++) {
        OK(p_nvmlDeviceGetClockInfo(d, clocks[i].type, &u));
        EQ(u, clocks[i].mhz);
    }
    RC(p_nvmlDeviceGetClockInfo(d, NVML_CLOCK_COUNT, &u), NVML_ERROR_INVALID_ARGUMENT);

    nvmlPstates_t ps;
    OK(p_nvmlDeviceGetPerformanceState(d, &ps));
    EQ(ps, NVML_PSTATE_2);
    OK(p_nvmlDeviceGetCurrentClocksThrottleReasons(d, &ull));
    EQ(ull, 0x24);
    OK(p_nvmlDeviceGetEncoderUtilization(d, &u, &v));
    EQ(u, 11);
    EQ(v, 167000);
    OK(p_nvmlDeviceGetDecoderUtilization(d, &u, &v));
    EQ(u, 22);
    EQ(v, 167000);
    RC(p_nvmlDeviceGetDecoderUtilization(d, &u, NULL), NVML_ERROR_INVALID_ARGUMENT);
    OK(p_nvmlDeviceGetPcieThroughput(d, NVML_PCIE_UTIL_TX_BYTES, &u));
    EQ(u, 123000);
    OK(p_nvmlDeviceGetPcieThroughput(d, NVML_PCIE_UTIL_RX_BYTES, &u));
    EQ(u, 456000);
    RC(p_nvmlDeviceGetPcieThroughput(d, NVML_PCIE_UTIL_COUNT, &u), NVML_ERROR_INVALID_ARGUMENT);
    OK(p_nvmlDeviceGetPcieReplayCounter(d, &u));
    EQ(u, 3);
    OK(p_nvmlDeviceGetCurrPcieLinkGeneration(d, &u));
    EQ(u, 3);
    OK(p_nvmlDeviceGetMaxPcieLinkGeneration(d, &u));
    EQ(u, 4);
    OK(p_nvmlDeviceGetCurrPcieLinkWidth(d, &u));
    EQ(u, 8);
    OK(p_nvmlDeviceGetMaxPcieLinkWidth(d, &u));
    EQ(u, 16);
    RC(p_nvmlDeviceGetCurrPcieLinkWidth(d, NULL), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetMaxPcieLinkGeneration(d, NULL), NVML_ERROR_INVALID_ARGUMENT);

    OK(p_nvmlDeviceGetTotalEccErrors(d, NVML_MEMORY_ERROR_TYPE_CORRECTED, NVML_AGGREGATE_ECC, &ull));
    EQ(ull, 17);
    OK(p_nvmlDeviceGetTotalEccErrors(d, NVML_MEMORY_ERROR_TYPE_UNCORRECTED, NVML_AGGREGATE_ECC, &ull));
    EQ(ull, 2);
    OK(p_nvmlDeviceGetTotalEccErrors(d, NVML_MEMORY_ERROR_TYPE_CORRECTED, NVML_VOLATILE_ECC, &ull));
    EQ(ull, 5);
    OK(p_nvmlDeviceGetTotalEccErrors(d, NVML_MEMORY_ERROR_TYPE_UNCORRECTED, NVML_VOLATILE_ECC, &ull));
    EQ(ull, 1);
    RC(p_nvmlDeviceGetTotalEccErrors(d, NVML_MEMORY_ERROR_TYPE_COUNT, NVML_VOLATILE_ECC, &ull),
       NVML_ERROR_INVALID_ARGUMENT);

    /* no MIG here */
    nvmlDevice_t mig;
    OK(p_nvmlDeviceGetMigMode(d, &u, &v));
    EQ(u, NVML_DEVICE_MIG_DISABLE);
    EQ(v, NVML_DEVICE_MIG_DISABLE);
    OK(p_nvmlDeviceGetMaxMigDeviceCount(d, &u));
    EQ(u, 0);
    RC(p_nvmlDeviceGetMigDeviceHandleByIndex(d, 0, &mig), NVML_ERROR_NOT_SUPPORTED);
    u = 7;
    OK(p_nvmlDeviceIsMigDeviceHandle(d, &u));
    EQ(u, 0);
    RC(p_nvmlDeviceGetGpuInstanceId(d, &u), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetComputeInstanceId(d, &u), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetDeviceHandleFromMigDeviceHandle(d, &mig), NVML_ERROR_INVALID_ARGUMENT);

    /* invalid handles */
    int local;
    RC(p_nvmlDeviceGetName(NULL, buf, sizeof buf), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetName((nvmlDevice_t)&local, buf, sizeof buf), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetPowerUsage((nvmlDevice_t)((char *)d + 1), &u), NVML_ERROR_INVALID_ARGUMENT);
}

static void check_processes_gpu0(void)
{
    nvmlDevice_t d = handle(0);
    nvmlProcessInfo_t infos[8];
    unsigned n;

    n = 0; /* size query */
    RC(p_nvmlDeviceGetComputeRunningProcesses_v3(d, &n, NULL), NVML_ERROR_INSUFFICIENT_SIZE);
    EQ(n, 1);
    n = 8;
    OK(p_nvmlDeviceGetComputeRunningProcesses_v3(d, &n, infos));
    EQ(n, 1);
    EQ(infos[0].pid, 1001);
    EQ(infos[0].usedGpuMemory, 4294967296ULL);
    EQ(infos[0].gpuInstanceId, 0xFFFFFFFFu);
    EQ(infos[0].computeInstanceId, 0xFFFFFFFFu);
    RC(p_nvmlDeviceGetComputeRunningProcesses_v3(d, NULL, infos), NVML_ERROR_INVALID_ARGUMENT);
    n = 8;
    OK(p_nvmlDeviceGetGraphicsRunningProcesses_v3(d, &n, infos));
    EQ(n, 1);
    EQ(infos[0].pid, 1002);
    EQ(infos[0].usedGpuMemory, 1073741824ULL);
    n = 8;
    OK(p_nvmlDeviceGetMPSComputeRunningProcesses_v3(d, &n, infos));
    EQ(n, 1);
    EQ(infos[0].pid, 1003);
    EQ(infos[0].usedGpuMemory, 2147483648ULL);

    nvmlProcessUtilizationSample_t s[8];
    unsigned long long before = realtime_us();
    n = 0;
    RC(p_nvmlDeviceGetProcessUtilization(d, NULL, &n, 0), NVML_ERROR_INSUFFICIENT_SIZE);
    EQ(n, 3);
    n = 1;
    RC(p_nvmlDeviceGetProcessUtilization(d, s, &n, 0), NVML_ERROR_INSUFFICIENT_SIZE);
    EQ(n, 3);
    n = 8;
    OK(p_nvmlDeviceGetProcessUtilization(d, s, &n, 0));
    EQ(n, 3);
    EQ(s[0].pid, 1001);
    EQ(s[0].smUtil, 30);
    EQ(s[0].memUtil, 12);
    EQ(s[1].pid, 1002);
    EQ(s[1].encUtil, 11);
    EQ(s[1].decUtil, 22);
    EQ(s[2].pid, 1003);
    EQ(s[2].smUtil, 40);
    EQ(s[2].memUtil, 25);
    CHECK(s[0].timeStamp == s[2].timeStamp, "samples of one period have different time stamps");
    CHECK(s[0].timeStamp <= before + 1000 && s[0].timeStamp + 60000000ULL > before,
          "sample time stamp %llu is not a recent CLOCK_REALTIME microsecond (now %llu)", s[0].timeStamp, before);
    n = 8;
    RC(p_nvmlDeviceGetProcessUtilization(d, s, &n, s[0].timeStamp), NVML_ERROR_NOT_FOUND);
    RC(p_nvmlDeviceGetProcessUtilization(d, s, NULL, 0), NVML_ERROR_INVALID_ARGUMENT);
}

/* ------------------------------------------------------ test-node: GPU 1 */

static void check_gpu1_mig(void)
{
    nvmlDevice_t d = handle(1);
    nvmlDevice_t mig[2], parent = NULL, dummy;
    char buf[128];
    unsigned u = 0, v = 0;
    nvmlUtilization_t util;
    nvmlProcessInfo_t infos[8];
    nvmlProcessUtilizationSample_t samples[8];

    OK(p_nvmlDeviceGetMigMode(d, &u, &v));
    EQ(u, NVML_DEVICE_MIG_ENABLE);
    EQ(v, NVML_DEVICE_MIG_ENABLE);
    OK(p_nvmlDeviceGetMaxMigDeviceCount(d, &u));
    EQ(u, 7);
    /* nvml.h: utilization, encoder/decoder and process utilization are not supported in MIG mode */
    RC(p_nvmlDeviceGetUtilizationRates(d, &util), NVML_ERROR_NOT_SUPPORTED);
    RC(p_nvmlDeviceGetEncoderUtilization(d, &u, &v), NVML_ERROR_NOT_SUPPORTED);
    u = 8;
    RC(p_nvmlDeviceGetProcessUtilization(d, samples, &u, 0), NVML_ERROR_NOT_SUPPORTED);
    OK(p_nvmlDeviceGetTemperature(d, NVML_TEMPERATURE_GPU, &u));
    EQ(u, 48);
    /* no pcie_link_* keys: the default Gen4 x16 link, current = maximum; the board answers in MIG mode */
    OK(p_nvmlDeviceGetCurrPcieLinkGeneration(d, &u));
    EQ(u, 4);
    OK(p_nvmlDeviceGetMaxPcieLinkGeneration(d, &u));
    EQ(u, 4);
    OK(p_nvmlDeviceGetCurrPcieLinkWidth(d, &u));
    EQ(u, 16);
    OK(p_nvmlDeviceGetMaxPcieLinkWidth(d, &u));
    EQ(u, 16);
    nvmlMemory_v2_t m2 = { .version = nvmlMemory_v2 };
    OK(p_nvmlDeviceGetMemoryInfo_v2(d, &m2));
    EQ(m2.total, 85899345920ULL);
    EQ(m2.used, 21474836480ULL);

    OK(p_nvmlDeviceGetMigDeviceHandleByIndex(d, 0, &mig[0]));
    OK(p_nvmlDeviceGetMigDeviceHandleByIndex(d, 1, &mig[1]));
    RC(p_nvmlDeviceGetMigDeviceHandleByIndex(d, 2, &dummy), NVML_ERROR_NOT_FOUND);
    RC(p_nvmlDeviceGetMigDeviceHandleByIndex(d, 1, NULL), NVML_ERROR_INVALID_ARGUMENT);
    CHECK(mig[0] != mig[1] && mig[0] != d, "MIG handles are not distinct");

    static const struct {
        const char *uuid, *name;
        unsigned gi;
        unsigned long long total, reserved, used;
        unsigned pid;
        unsigned long long pmem;
    } want[2] = {
        { "MIG-a1a1a1a1-0000-0000-0000-000000000001", "NVIDIA A100-SXM4-80GB MIG 3g.40gb", 1, 42144366592ULL,
          268435456ULL, 8589934592ULL, 2001, 6442450944ULL },
        { "MIG-b2b2b2b2-0000-0000-0000-000000000002", "NVIDIA A100-SXM4-80GB MIG 2g.20gb", 2, 20971520000ULL,
          134217728ULL, 2147483648ULL, 2002, 1073741824ULL },
    };
    for (unsigned i = 0; i < 2; i++) {
        OK(p_nvmlDeviceIsMigDeviceHandle(mig[i], &u));
        EQ(u, 1);
        OK(p_nvmlDeviceGetUUID(mig[i], buf, sizeof buf));
        STREQ(buf, want[i].uuid);
        OK(p_nvmlDeviceGetName(mig[i], buf, sizeof buf));
        STREQ(buf, want[i].name);
        OK(p_nvmlDeviceGetIndex(mig[i], &u));
        EQ(u, i);
        OK(p_nvmlDeviceGetGpuInstanceId(mig[i], &u));
        EQ(u, want[i].gi);
        OK(p_nvmlDeviceGetComputeInstanceId(mig[i], &u));
        EQ(u, 0);
        OK(p_nvmlDeviceGetDeviceHandleFromMigDeviceHandle(mig[i], &parent));
        CHECK(parent == d, "the parent of MIG device %u is not GPU 1's handle", i);
        m2.version = nvmlMemory_v2;
        OK(p_nvmlDeviceGetMemoryInfo_v2(mig[i], &m2));
        EQ(m2.total, want[i].total);
        EQ(m2.reserved, want[i].reserved);
        EQ(m2.used, want[i].used);
        EQ(m2.free, want[i].total - want[i].reserved - want[i].used);
        nvmlMemory_t m1;
        OK(p_nvmlDeviceGetMemoryInfo(mig[i], &m1));
        EQ(m1.used, want[i].used + want[i].reserved);
        unsigned n = 8;
        OK(p_nvmlDeviceGetComputeRunningProcesses_v3(mig[i], &n, infos));
        EQ(n, 1);
        EQ(infos[0].pid, want[i].pid);
        EQ(infos[0].usedGpuMemory, want[i].pmem);
        EQ(infos[0].gpuInstanceId, want[i].gi);
        EQ(infos[0].computeInstanceId, 0);
        n = 8;
        OK(p_nvmlDeviceGetGraphicsRunningProcesses_v3(mig[i], &n, infos));
        EQ(n, 0);
        /* what a MIG device does not answer */
        RC(p_nvmlDeviceGetTemperature(mig[i], NVML_TEMPERATURE_GPU, &u), NVML_ERROR_NOT_SUPPORTED);
        RC(p_nvmlDeviceGetPowerUsage(mig[i], &u), NVML_ERROR_NOT_SUPPORTED);
        RC(p_nvmlDeviceGetUtilizationRates(mig[i], &util), NVML_ERROR_NOT_SUPPORTED);
        RC(p_nvmlDeviceGetClockInfo(mig[i], NVML_CLOCK_SM, &u), NVML_ERROR_NOT_SUPPORTED);
        RC(p_nvmlDeviceGetCurrPcieLinkGeneration(mig[i], &u), NVML_ERROR_NOT_SUPPORTED);
        RC(p_nvmlDeviceGetMaxPcieLinkWidth(mig[i], &u), NVML_ERROR_NOT_SUPPORTED);
        RC(p_nvmlDeviceGetMigDeviceHandleByIndex(mig[i], 0, &dummy), NVML_ERROR_NOT_SUPPORTED);
    }
    unsigned n = 0;
    RC(p_nvmlDeviceGetComputeRunningProcesses_v3(d, &n, NULL), NVML_ERROR_INSUFFICIENT_SIZE);
    EQ(n, 2);
    n = 8;
    OK(p_nvmlDeviceGetComputeRunningProcesses_v3(d, &n, infos));
    EQ(n, 2);
    EQ(infos[0].pid, 2001);
    EQ(infos[1].pid, 2002);
}

/* ------------------------------------------------------ test-node: GPU 2 */

static void check_gpu2(void)
{
    nvmlDevice_t d = handle(2);
    unsigned u = 0;
    unsigned long long ull = 0;
    char buf[96];
    OK(p_nvmlDeviceGetName(d, buf, sizeof buf));
    STREQ(buf, "Tesla T4");
    RC(p_nvmlDeviceGetTotalEnergyConsumption(d, &ull), NVML_ERROR_NOT_SUPPORTED);
    RC(p_nvmlDeviceGetTotalEccErrors(d, NVML_MEMORY_ERROR_TYPE_CORRECTED, NVML_AGGREGATE_ECC, &ull),
       NVML_ERROR_NOT_SUPPORTED);
    OK(p_nvmlDeviceGetPowerUsage(d, &u));
    EQ(u, 35000);
    OK(p_nvmlDeviceGetPerformanceState(d, (nvmlPstates_t *)&u));
    EQ(u, 8);
    nvmlPciInfo_t pci;
    OK(p_nvmlDeviceGetPciInfo_v3(d, &pci));
    STREQ(pci.busId, "00000000:3B:00.0");
    EQ(pci.bus, 0x3B);
    /* only pcie_link_max_gen given: the current generation follows it, the width is the default */
    OK(p_nvmlDeviceGetCurrPcieLinkGeneration(d, &u));
    EQ(u, 3);
    OK(p_nvmlDeviceGetMaxPcieLinkGeneration(d, &u));
    EQ(u, 3);
    OK(p_nvmlDeviceGetCurrPcieLinkWidth(d, &u));
    EQ(u, 16);
}

/* ------------------------------------------------------------- events */

static void check_events(void)
{
    nvmlEventSet_t set = NULL;
    nvmlEventData_t ev;
    unsigned long long types = 0;
    nvmlDevice_t d = handle(0), mig;

    OK(p_nvmlEventSetCreate(&set));
    RC(p_nvmlEventSetCreate(NULL), NVML_ERROR_INVALID_ARGUMENT);
    OK(p_nvmlDeviceGetSupportedEventTypes(d, &types));
    EQ(types, nvmlEventTypeXidCriticalError);
    OK(p_nvmlDeviceGetMigDeviceHandleByIndex(handle(1), 0, &mig));
    RC(p_nvmlDeviceGetSupportedEventTypes(mig, &types), NVML_ERROR_NOT_SUPPORTED);
    RC(p_nvmlDeviceRegisterEvents(d, nvmlEventTypeXidCriticalError | nvmlEventTypePState, set),
       NVML_ERROR_NOT_SUPPORTED);
    RC(p_nvmlDeviceRegisterEvents(d, 0, set), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceRegisterEvents(d, nvmlEventTypeXidCriticalError, NULL), NVML_ERROR_INVALID_ARGUMENT);
    /* nothing registered yet: the XID 48 on GPU 0 is not delivered */
    RC(p_nvmlEventSetWait_v2(set, &ev, 0), NVML_ERROR_TIMEOUT);
    OK(p_nvmlDeviceRegisterEvents(d, nvmlEventTypeXidCriticalError, set));
    OK(p_nvmlEventSetWait_v2(set, &ev, 1000));
    CHECK(ev.device == d, "event device is not GPU 0's handle");
    EQ(ev.eventType, nvmlEventTypeXidCriticalError);
    EQ(ev.eventData, 48);
    EQ(ev.gpuInstanceId, 0xFFFFFFFFu);
    EQ(ev.computeInstanceId, 0xFFFFFFFFu);
    double t0 = now_s();
    RC(p_nvmlEventSetWait_v2(set, &ev, 100), NVML_ERROR_TIMEOUT); /* delivered once only */
    double waited = now_s() - t0;
    CHECK(waited >= 0.09 && waited < 1.0, "a 100 ms wait took %.3f s", waited);
    RC(p_nvmlEventSetWait_v2(set, NULL, 0), NVML_ERROR_INVALID_ARGUMENT);
    OK(p_nvmlEventSetFree(set));
    RC(p_nvmlEventSetFree(set), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlEventSetWait_v2(set, &ev, 0), NVML_ERROR_INVALID_ARGUMENT);
}

/* ------------------------------------------------------------- refcount */

static void check_refcount(void)
{
    unsigned n;
    OK(p_nvmlInitWithFlags(0)); /* 2 */
    OK(p_nvmlInit_v2());        /* 3 */
    OK(p_nvmlShutdown());
    OK(p_nvmlShutdown());
    OK(p_nvmlDeviceGetCount_v2(&n)); /* still 1 */
    OK(p_nvmlShutdown());
    RC(p_nvmlDeviceGetCount_v2(&n), NVML_ERROR_UNINITIALIZED);
    RC(p_nvmlShutdown(), NVML_ERROR_UNINITIALIZED);
}

/* --------------------------------------------------------------- faults */

static const char faults_scenario[] =
    "[system]\n"
    "init_failures = 2\n"
    "init_error = NVML_ERROR_NO_PERMISSION\n"
    "\n"
    "[gpu]                          # 0: lost after 3 calls, back after 2 lost answers\n"
    "name = Lost GPU\n"
    "lost_after_calls = 3\n"
    "recover_after_calls = 2\n"
    "\n"
    "[gpu]                          # 1: nvmlDeviceGetPowerUsage hangs from its 2nd call on\n"
    "name = Hanging GPU\n"
    "power_usage = 1234\n"
    "hang = nvmlDeviceGetPowerUsage\n"
    "hang_after_calls = 1\n"
    "hang_seconds = 0.2\n"
    "unsupported = nvmlDeviceRegisterEvents\n"
    "\n"
    "[gpu]                          # 2: moving values\n"
    "name = \"Moving # GPU\"          # a quoted '#' is not a comment\n"
    "temperature = sine(40, 60, 4)\n"
    "power_usage = cycle(1000, 111, 222)\n"
    "energy = ramp(5000, 100000)\n"
    "clocks_event_reasons = 0xFFFFFFFFFFFFFFFF\n"
    "sample_period_ms = 100\n"
    "\n"
    "[process]\n"
    "gpu = 2\n"
    "pid = 77\n"
    "sm_util = 61.9\n"
    "\n"
    "[event]\n"
    "gpu = 2\n"
    "xid = 79\n"
    "at = 0.3\n";

struct timed_call {
    nvmlDevice_t device;
    nvmlEventSet_t set;
    nvmlReturn_t rc;
    unsigned value;
    nvmlEventData_t event;
    double seconds;
};

static void *power_thread(void *arg)
{
    struct timed_call *c = arg;
    double t0 = now_s();
    c->rc = p_nvmlDeviceGetPowerUsage(c->device, &c->value);
    c->seconds = now_s() - t0;
    return NULL;
}

static void *wait_thread(void *arg)
{
    struct timed_call *c = arg;
    double t0 = now_s();
    c->rc = p_nvmlEventSetWait_v2(c->set, &c->event, 3000);
    c->seconds = now_s() - t0;
    return NULL;
}

static void check_faults(void)
{
    const char *path = write_scenario("faults", faults_scenario);
    unsigned u = 0;
    unsigned long long ull = 0;
    char buf[96];

    /* init_failures: the first two attempts fail as configured, the third works */
    p_set_scenario(path);
    RC(p_nvmlInit_v2(), NVML_ERROR_NO_PERMISSION);
    RC(p_nvmlInitWithFlags(0), NVML_ERROR_NO_PERMISSION);
    RC(p_nvmlDeviceGetCount_v2(&u), NVML_ERROR_UNINITIALIZED);
    double t_init = now_s();
    OK(p_nvmlInit_v2());

    /* lost GPU */
    nvmlDevice_t lost = handle(0);
    for (int i = 0; i < 3; i++)
        OK(p_nvmlDeviceGetTemperature(lost, NVML_TEMPERATURE_GPU, &u));
    RC(p_nvmlDeviceGetTemperature(lost, NVML_TEMPERATURE_GPU, &u), NVML_ERROR_GPU_IS_LOST);
    CHECK(handle(0) == lost, "a lost GPU keeps its handle");
    RC(p_nvmlDeviceGetName(lost, buf, sizeof buf), NVML_ERROR_GPU_IS_LOST);
    OK(p_nvmlDeviceGetName(lost, buf, sizeof buf)); /* recovered after 2 lost answers */
    STREQ(buf, "Lost GPU");

    /* hang: the 1st call is quick, the 2nd sleeps 200 ms without blocking other calls */
    nvmlDevice_t hanging = handle(1), moving = handle(2);
    double t0 = now_s();
    OK(p_nvmlDeviceGetPowerUsage(hanging, &u));
    EQ(u, 1234);
    CHECK(now_s() - t0 < 0.15, "the first call already hung");
    struct timed_call hc = { .device = hanging };
    pthread_t th;
    CHECK(pthread_create(&th, NULL, power_thread, &hc) == 0, "pthread_create");
    sleep_ms(50);
    t0 = now_s();
    OK(p_nvmlDeviceGetTemperature(moving, NVML_TEMPERATURE_GPU, &u));
    CHECK(now_s() - t0 < 0.1, "a call was blocked %.3f s by a hanging call", now_s() - t0);
    pthread_join(th, NULL);
    RC(hc.rc, NVML_SUCCESS);
    EQ(hc.value, 1234);
    CHECK(hc.seconds >= 0.18 && hc.seconds < 2, "the hanging call took %.3f s, expected 0.2", hc.seconds);

    /* unsupported event registration */
    nvmlEventSet_t set;
    OK(p_nvmlEventSetCreate(&set));
    OK(p_nvmlDeviceGetSupportedEventTypes(hanging, &ull));
    EQ(ull, 0);
    RC(p_nvmlDeviceRegisterEvents(hanging, nvmlEventTypeXidCriticalError, set), NVML_ERROR_NOT_SUPPORTED);

    /* moving values */
    OK(p_nvmlDeviceGetName(moving, buf, sizeof buf));
    STREQ(buf, "Moving # GPU");
    OK(p_nvmlDeviceGetTemperature(moving, NVML_TEMPERATURE_GPU, &u));
    CHECK(u >= 40 && u <= 60, "sine temperature %u outside [40, 60]", u);
    OK(p_nvmlDeviceGetPowerUsage(moving, &u));
    EQ(u, 111);
    OK(p_nvmlDeviceGetCurrentClocksThrottleReasons(moving, &ull));
    EQ(ull, 0xFFFFFFFFFFFFFFFFULL);
    unsigned long long e1 = 0, e2 = 0;
    OK(p_nvmlDeviceGetTotalEnergyConsumption(moving, &e1));
    sleep_ms(60);
    OK(p_nvmlDeviceGetTotalEnergyConsumption(moving, &e2));
    CHECK(e1 >= 5000 && e2 >= e1 + 5000, "energy ramp: %llu then %llu after 60 ms", e1, e2);

    /* process samples every 100 ms */
    nvmlProcessUtilizationSample_t s[4];
    unsigned n = 4;
    OK(p_nvmlDeviceGetProcessUtilization(moving, s, &n, 0));
    EQ(n, 1);
    EQ(s[0].pid, 77);
    EQ(s[0].smUtil, 61); /* truncated */
    unsigned long long ts1 = s[0].timeStamp;
    n = 4;
    RC(p_nvmlDeviceGetProcessUtilization(moving, s, &n, ts1), NVML_ERROR_NOT_FOUND);
    EQ(n, 0);
    sleep_ms(150);
    n = 4;
    OK(p_nvmlDeviceGetProcessUtilization(moving, s, &n, ts1));
    CHECK(s[0].timeStamp > ts1 && (s[0].timeStamp - ts1) % 100000 == 0,
          "next sample time stamp %llu after %llu is not a later 100 ms step", s[0].timeStamp, ts1);

    /* an event wait sleeps without the lock; the XID 79 comes 0.3 s after load */
    OK(p_nvmlDeviceRegisterEvents(moving, nvmlEventTypeXidCriticalError, set));
    struct timed_call wc = { .set = set };
    CHECK(pthread_create(&th, NULL, wait_thread, &wc) == 0, "pthread_create");
    sleep_ms(20);
    t0 = now_s();
    OK(p_nvmlDeviceGetCount_v2(&u));
    CHECK(now_s() - t0 < 0.1, "a call was blocked %.3f s by an event wait", now_s() - t0);
    pthread_join(th, NULL);
    RC(wc.rc, NVML_SUCCESS);
    EQ(wc.event.eventData, 79);
    CHECK(wc.event.device == moving, "XID 79 is not on GPU 2");
    CHECK(now_s() - t_init >= 0.29, "XID 79 came %.3f s after init, before its time", now_s() - t_init);
    OK(p_nvmlEventSetFree(set));

    /* a shutdown while a call hangs: the call answers UNINITIALIZED when it wakes */
    hc = (struct timed_call){ .device = hanging };
    CHECK(pthread_create(&th, NULL, power_thread, &hc) == 0, "pthread_create");
    sleep_ms(50);
    OK(p_nvmlShutdown());
    pthread_join(th, NULL);
    RC(hc.rc, NVML_ERROR_UNINITIALIZED);

    /* setting the scenario again starts the init failures over */
    p_set_scenario(path);
    RC(p_nvmlInit_v2(), NVML_ERROR_NO_PERMISSION);
}

/* ---------------------------------------------------------- parse errors */

/* hang_times: only the first N hanging calls hang */
static void check_hang_times(void)
{
    const char *path = write_scenario("hang-times",
        "[gpu]\n"
        "hang = nvmlDeviceGetPowerUsage\n"
        "hang_seconds = 0.2\n"
        "hang_times = 1\n");
    unsigned u = 0;
    p_set_scenario(path);
    OK(p_nvmlInit_v2());
    nvmlDevice_t d = handle(0);
    double t0 = now_s();
    OK(p_nvmlDeviceGetPowerUsage(d, &u));
    CHECK(now_s() - t0 >= 0.18, "the first call did not hang (%.3f s)", now_s() - t0);
    t0 = now_s();
    OK(p_nvmlDeviceGetPowerUsage(d, &u));
    CHECK(now_s() - t0 < 0.15, "a call after hang_times hung %.3f s", now_s() - t0);
    OK(p_nvmlShutdown());
}

static void check_parse_errors(const char *test_node)
{
    parse_error("unknown-key", "[gpu]\nname = x\nfoo = 1\n", ":3: unknown key 'foo' in [gpu]");
    parse_error("unknown-section", "# comment\n\n[gpus]\n", ":3: unknown section [gpus]");
    parse_error("bad-number", "[gpu]\ntemperature = 12x\n", ":2: bad number '12x' for 'temperature'");
    parse_error("bad-expression", "[gpu]\ntemperature = sine(1, 2)\n", ":2: bad expression 'sine(1, 2)'");
    parse_error("no-such-gpu", "[gpu]\n[process]\ngpu = 3\npid = 1\n", ":2: [process] gpu = 3: no such GPU");
    parse_error("unknown-function", "[gpu]\nunsupported = nvmlDeviceGetPowerUsage, nvmlDeviceGetFoo\n",
                ":2: unknown NVML function 'nvmlDeviceGetFoo' in 'unsupported'");
    parse_error("mig-without-mig-mode", "[gpu]\n[mig]\ngpu = 0\n", ":2: [mig] on GPU 0, which does not have mig_mode = 1");
    parse_error("missing-pid", "[gpu]\n[process]\ngpu = 0\n", ":2: [process] needs 'pid'");
    parse_error("duplicate", "[gpu]\nname = a\nname = b\n", ":3: duplicate key 'name' in [gpu]");
    /* past the 64th [gpu] key too (the duplicate check once was a 64-bit mask) */
    parse_error("duplicate-late", "[gpu]\nretired_pages_pending = 1\nretired_pages_pending = 0\n",
                ":3: duplicate key 'retired_pages_pending' in [gpu]");
    parse_error("bad-error", "[system]\ninit_error = NOPE\n", ":2: unknown NVML error 'NOPE'");
    char many[65 * 6 + 1] = "";
    for (int i = 0; i < 65; i++)
        strcat(many, "[gpu]\n");
    parse_error("65-gpus", many, ":65: more than 64 GPUs");

    p_set_scenario("/nonexistent/sim-smoke.conf");
    RC(p_nvmlInit_v2(), NVML_ERROR_UNKNOWN);
    CONTAINS(p_last_error(), "/nonexistent/sim-smoke.conf: cannot open");

    load(test_node); /* a good scenario clears the error */
    OK(p_nvmlShutdown());
}

/* ------------------------------------------ built-in, environment, default.conf */

static void check_builtin_and_env(const char *test_node)
{
    unsigned n = 0;
    char buf[96];
    unsetenv("GPU_AGENT_SIM_SCENARIO");
    p_set_scenario(NULL);
    OK(p_nvmlInit_v2());
    OK(p_nvmlDeviceGetCount_v2(&n));
    EQ(n, 1);
    OK(p_nvmlDeviceGetName(handle(0), buf, sizeof buf));
    STREQ(buf, "NVIDIA A100-SXM4-40GB");
    OK(p_nvmlShutdown());

    setenv("GPU_AGENT_SIM_SCENARIO", test_node, 1);
    OK(p_nvmlInit_v2());
    OK(p_nvmlDeviceGetCount_v2(&n));
    EQ(n, 3);
    OK(p_nvmlShutdown());
    unsetenv("GPU_AGENT_SIM_SCENARIO");
}

static void check_default(const char *test_node)
{
    char path[1024];
    const char *slash = strrchr(test_node, '/');
    snprintf(path, sizeof path, "%.*sdefault.conf", slash ? (int)(slash - test_node + 1) : 0, test_node);
    if (access(path, R_OK) != 0)
        return;
    unsigned n = 0, u = 0;
    unsigned long long ull;
    char buf[96];
    nvmlDevice_t mig;
    nvmlUtilization_t util;
    load(path);
    OK(p_nvmlDeviceGetCount_v2(&n));
    EQ(n, 4);
    for (unsigned i = 0; i < 3; i++)
        OK(p_nvmlDeviceGetMigDeviceHandleByIndex(handle(0), i, &mig));
    RC(p_nvmlDeviceGetMigDeviceHandleByIndex(handle(0), 3, &mig), NVML_ERROR_NOT_FOUND);
    OK(p_nvmlDeviceGetName(handle(1), buf, sizeof buf));
    STREQ(buf, "NVIDIA H100 80GB HBM3");
    OK(p_nvmlDeviceGetUtilizationRates(handle(1), &util));
    CHECK(util.gpu >= 70 && util.gpu <= 99, "H100 utilization %u outside its sine", util.gpu);
    RC(p_nvmlDeviceGetTotalEnergyConsumption(handle(3), &ull), NVML_ERROR_NOT_SUPPORTED);
    RC(p_nvmlDeviceGetMigMode(handle(3), &u, &u), NVML_ERROR_NOT_SUPPORTED);
    OK(p_nvmlDeviceGetCurrentClocksThrottleReasons(handle(2), &ull));
    CHECK(ull & 0x4, "the L4 is not power capped (reasons 0x%llx)", ull);
    OK(p_nvmlDeviceGetMaxPcieLinkGeneration(handle(1), &u));
    EQ(u, 5);
    OK(p_nvmlDeviceGetCurrPcieLinkWidth(handle(2), &u));
    EQ(u, 8);
    OK(p_nvmlDeviceGetMaxPcieLinkWidth(handle(2), &u));
    EQ(u, 16);
    OK(p_nvmlDeviceGetCurrPcieLinkGeneration(handle(3), &u));
    CHECK(u == 1 || u == 3, "T4 link generation %u is neither idle (1) nor its maximum (3)", u);
    OK(p_nvmlShutdown());
}

/* ------------------------------------------------------------------- GPM */

#define DEQ(actual, expected)                                                                     \
    do {                                                                                          \
        double a_ = (actual), e_ = (expected);                                                    \
        CHECK(a_ == e_, "%s = %g, expected %g", #actual, a_, e_);                                 \
    } while (0)

/* Metrics between samples a and b: ids in, nvmlReturn and value out. */
static nvmlReturn_t gpm_metrics(nvmlGpmSample_t a, nvmlGpmSample_t b, const unsigned *ids, unsigned n,
                                nvmlGpmMetricsGet_t *mg)
{
    memset(mg, 0, sizeof *mg);
    mg->version = NVML_GPM_METRICS_GET_VERSION;
    mg->numMetrics = n;
    mg->sample1 = a;
    mg->sample2 = b;
    for (unsigned i = 0; i < n; i++)
        mg->metrics[i].metricId = ids[i];
    return p_nvmlGpmMetricsGet(mg);
}

static void check_gpm(const char *test_node)
{
    char path[1024];
    const char *slash = strrchr(test_node, '/');
    snprintf(path, sizeof path, "%.*sgpm-node.conf", slash ? (int)(slash - test_node + 1) : 0, test_node);
    if (access(path, R_OK) != 0)
        return;
    static const unsigned ids[] = { NVML_GPM_METRIC_GRAPHICS_UTIL, NVML_GPM_METRIC_SM_UTIL,
                                    NVML_GPM_METRIC_SM_OCCUPANCY, NVML_GPM_METRIC_ANY_TENSOR_UTIL,
                                    NVML_GPM_METRIC_DRAM_BW_UTIL, NVML_GPM_METRIC_PCIE_TX_PER_SEC,
                                    NVML_GPM_METRIC_PCIE_RX_PER_SEC, NVML_GPM_METRIC_NVLINK_TOTAL_TX_PER_SEC,
                                    NVML_GPM_METRIC_NVLINK_TOTAL_RX_PER_SEC, NVML_GPM_METRIC_INTEGER_UTIL };
    static const double gpu0[] = { 91.5, 82.25, 47.5, 61.75, 38, 1024, 2048, 40960, 36864 };
    static nvmlGpmMetricsGet_t mg;
    nvmlGpmSupport_t support = { .version = NVML_GPM_SUPPORT_VERSION };
    nvmlGpmSample_t s1 = NULL, s2 = NULL, s3 = NULL;
    nvmlDevice_t mig;

    RC(p_nvmlGpmSampleAlloc(&s1), NVML_ERROR_UNINITIALIZED);
    load(path);
    OK(p_nvmlGpmQueryDeviceSupport(handle(0), &support));
    EQ(support.isSupportedDevice, 1);
    OK(p_nvmlGpmQueryDeviceSupport(handle(2), &support));
    EQ(support.isSupportedDevice, 0);
    OK(p_nvmlDeviceGetMigDeviceHandleByIndex(handle(1), 0, &mig));
    RC(p_nvmlGpmQueryDeviceSupport(mig, &support), NVML_ERROR_NOT_SUPPORTED);
    support.version = 2;
    RC(p_nvmlGpmQueryDeviceSupport(handle(0), &support), NVML_ERROR_ARGUMENT_VERSION_MISMATCH);
    RC(p_nvmlGpmQueryDeviceSupport(handle(0), NULL), NVML_ERROR_INVALID_ARGUMENT);

    OK(p_nvmlGpmSampleAlloc(&s1));
    OK(p_nvmlGpmSampleAlloc(&s2));
    OK(p_nvmlGpmSampleAlloc(&s3));
    CHECK(s1 != s2 && s2 != s3 && s1 != NULL, "samples are not distinct");
    RC(p_nvmlGpmSampleGet(handle(2), s1), NVML_ERROR_NOT_SUPPORTED);      /* pre-Hopper */
    RC(p_nvmlGpmSampleGet(mig, s1), NVML_ERROR_NOT_SUPPORTED);            /* MIG: nvmlGpmMigSampleGet */
    RC(gpm_metrics(s1, s2, ids, 10, &mg), NVML_ERROR_INVALID_ARGUMENT);   /* not read yet */

    /* whole GPU 0: every metric as given, an unknown one NOT_SUPPORTED */
    OK(p_nvmlGpmSampleGet(handle(0), s1));
    sleep_ms(5);
    OK(p_nvmlGpmSampleGet(handle(0), s2));
    OK(gpm_metrics(s1, s2, ids, 10, &mg));
    for (unsigned i = 0; i < 9; i++) {
        EQ(mg.metrics[i].nvmlReturn, NVML_SUCCESS);
        DEQ(mg.metrics[i].value, gpu0[i]);
    }
    EQ(mg.metrics[9].nvmlReturn, NVML_ERROR_NOT_SUPPORTED);
    STREQ(mg.metrics[1].metricInfo.shortName, "sm_util");
    STREQ(mg.metrics[5].metricInfo.unit, "MiB/sec");
    OK(gpm_metrics(s2, s1, ids, 2, &mg));                                /* either order */
    DEQ(mg.metrics[1].value, 82.25);
    mg.version = 0;
    RC(p_nvmlGpmMetricsGet(&mg), NVML_ERROR_ARGUMENT_VERSION_MISMATCH);
    RC(gpm_metrics(s1, s2, ids, NVML_GPM_METRIC_MAX + 1, &mg), NVML_ERROR_INVALID_ARGUMENT);
    RC(gpm_metrics(s1, s1, ids, 2, &mg), NVML_ERROR_INVALID_ARGUMENT);

    /* MIG GPU instances of GPU 1, by gpu_instance_id; samples of different devices do not mix */
    OK(p_nvmlGpmMigSampleGet(handle(1), 3, s3));
    RC(gpm_metrics(s1, s3, ids, 2, &mg), NVML_ERROR_INVALID_ARGUMENT);
    OK(p_nvmlGpmMigSampleGet(handle(1), 3, s1));
    OK(gpm_metrics(s1, s3, ids, 5, &mg));
    DEQ(mg.metrics[0].value, 75);
    DEQ(mg.metrics[1].value, 70.5);
    DEQ(mg.metrics[2].value, 35.25);
    DEQ(mg.metrics[3].value, 50);
    DEQ(mg.metrics[4].value, 20.5);
    OK(p_nvmlGpmMigSampleGet(handle(1), 5, s1));
    OK(p_nvmlGpmMigSampleGet(handle(1), 5, s2));
    OK(gpm_metrics(s1, s2, ids, 2, &mg));
    DEQ(mg.metrics[1].value, 10);
    OK(p_nvmlGpmSampleGet(handle(1), s1));                                /* the whole MIG-mode GPU */
    OK(p_nvmlGpmSampleGet(handle(1), s2));
    OK(gpm_metrics(s1, s2, ids, 2, &mg));
    DEQ(mg.metrics[1].value, 44);
    RC(p_nvmlGpmMigSampleGet(handle(1), 4, s1), NVML_ERROR_NOT_FOUND);
    RC(p_nvmlGpmMigSampleGet(handle(0), 3, s1), NVML_ERROR_NOT_FOUND);    /* not in MIG mode */
    RC(p_nvmlGpmMigSampleGet(handle(2), 3, s1), NVML_ERROR_NOT_SUPPORTED);

    OK(p_nvmlGpmSampleFree(s1));
    RC(p_nvmlGpmSampleFree(s1), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlGpmSampleFree((nvmlGpmSample_t)&mg), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlGpmSampleGet(handle(0), s1), NVML_ERROR_INVALID_ARGUMENT);
    OK(p_nvmlShutdown());
    /* an unload releases every sample */
    load(path);
    RC(p_nvmlGpmSampleFree(s2), NVML_ERROR_INVALID_ARGUMENT);
    OK(p_nvmlShutdown());

    /* `unsupported` takes the GPM device functions */
    const char *p = write_scenario("gpm-unsupported",
                                   "[gpu]\ngpm = 1\ngpm_sm_active = 5\nunsupported = nvmlGpmSampleGet\n");
    load(p);
    OK(p_nvmlGpmSampleAlloc(&s1));
    OK(p_nvmlGpmQueryDeviceSupport(handle(0), &(nvmlGpmSupport_t){ .version = NVML_GPM_SUPPORT_VERSION }));
    RC(p_nvmlGpmSampleGet(handle(0), s1), NVML_ERROR_NOT_SUPPORTED);
    OK(p_nvmlShutdown());
    parse_error("gpm-range", "[gpu]\ngpm = 2\n", "gpm");
    parse_error("gpm-key", "[gpu]\nmig_mode = 1\n[mig]\ngpu = 0\ngpm_sm_activ = 1\n", "gpm_sm_activ");
}

/* ---------------------------------------------------------- device health */

/* device-health.conf (next to test-node.conf): the optional device-health getters. */
static void check_device_health(const char *test_node)
{
    char path[1024];
    const char *slash = strrchr(test_node, '/');
    snprintf(path, sizeof path, "%.*sdevice-health.conf", slash ? (int)(slash - test_node + 1) : 0, test_node);
    if (access(path, R_OK) != 0)
        return;
    unsigned corr = 99, unc = 99, pending = 99, failure = 99;

    /* test-node gives none of them: NOT_SUPPORTED */
    load(test_node);
    RC(p_nvmlDeviceGetRemappedRows(handle(0), &corr, &unc, &pending, &failure), NVML_ERROR_NOT_SUPPORTED);
    nvmlViolationTime_t vt;
    for (int p = NVML_PERF_POLICY_POWER; p <= NVML_PERF_POLICY_RELIABILITY; p++)
        RC(p_nvmlDeviceGetViolationStatus(handle(0), (nvmlPerfPolicyType_t)p, &vt), NVML_ERROR_NOT_SUPPORTED);
    unsigned fans = 99, speed = 99;
    RC(p_nvmlDeviceGetNumFans(handle(0), &fans), NVML_ERROR_NOT_SUPPORTED);
    RC(p_nvmlDeviceGetFanSpeed_v2(handle(0), 0, &speed), NVML_ERROR_NOT_SUPPORTED);
    nvmlFieldValue_t fv[2];
    memset(fv, 0, sizeof fv);
    fv[0].fieldId = NVML_FI_DEV_MEMORY_TEMP;
    OK(p_nvmlDeviceGetFieldValues(handle(0), 1, fv));
    EQ(fv[0].nvmlReturn, NVML_ERROR_NOT_SUPPORTED);
    unsigned pages = 0;
    nvmlEnableState_t pend = NVML_FEATURE_ENABLED;
    RC(p_nvmlDeviceGetRetiredPages(handle(0), NVML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR, &pages, NULL),
       NVML_ERROR_NOT_SUPPORTED);
    RC(p_nvmlDeviceGetRetiredPagesPendingStatus(handle(0), &pend), NVML_ERROR_NOT_SUPPORTED);
    unsigned long long errs = 99;
    RC(p_nvmlDeviceGetNvLinkState(handle(0), 0, &pend), NVML_ERROR_NOT_SUPPORTED);
    RC(p_nvmlDeviceGetNvLinkErrorCounter(handle(0), 0, NVML_NVLINK_ERROR_DL_REPLAY, &errs), NVML_ERROR_NOT_SUPPORTED);
    OK(p_nvmlShutdown());

    load(path);
    nvmlDevice_t d = handle(0);
    OK(p_nvmlDeviceGetRemappedRows(d, &corr, &unc, &pending, &failure));
    EQ(corr, 3);
    EQ(unc, 1);
    EQ(pending, 1);
    EQ(failure, 0);
    RC(p_nvmlDeviceGetRemappedRows(d, &corr, NULL, &pending, &failure), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetRemappedRows(handle(1), &corr, &unc, &pending, &failure), NVML_ERROR_NOT_SUPPORTED);
    /* MIG mode: NOT_SUPPORTED although given */
    RC(p_nvmlDeviceGetRemappedRows(handle(2), &corr, &unc, &pending, &failure), NVML_ERROR_NOT_SUPPORTED);

    OK(p_nvmlDeviceGetViolationStatus(d, NVML_PERF_POLICY_POWER, &vt));
    EQ(vt.violationTime, 1500000000ULL);
    CHECK(vt.referenceTime > 1600000000000000ULL, "referenceTime %llu is CPU time in microseconds", vt.referenceTime);
    RC(p_nvmlDeviceGetViolationStatus(d, NVML_PERF_POLICY_THERMAL, &vt), NVML_ERROR_NOT_SUPPORTED);
    OK(p_nvmlDeviceGetViolationStatus(d, NVML_PERF_POLICY_SYNC_BOOST, &vt));
    EQ(vt.violationTime, 0);
    OK(p_nvmlDeviceGetViolationStatus(d, NVML_PERF_POLICY_BOARD_LIMIT, &vt));
    EQ(vt.violationTime, 250000000ULL);
    OK(p_nvmlDeviceGetViolationStatus(d, NVML_PERF_POLICY_LOW_UTILIZATION, &vt));
    EQ(vt.violationTime, 123456789000ULL);
    OK(p_nvmlDeviceGetViolationStatus(d, NVML_PERF_POLICY_RELIABILITY, &vt));
    EQ(vt.violationTime, 7000);
    RC(p_nvmlDeviceGetViolationStatus(d, NVML_PERF_POLICY_TOTAL_APP_CLOCKS, &vt), NVML_ERROR_NOT_SUPPORTED);
    RC(p_nvmlDeviceGetViolationStatus(d, NVML_PERF_POLICY_COUNT, &vt), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetViolationStatus(d, NVML_PERF_POLICY_POWER, NULL), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetViolationStatus(handle(1), NVML_PERF_POLICY_POWER, &vt), NVML_ERROR_NOT_SUPPORTED);

    OK(p_nvmlDeviceGetNumFans(d, &fans));
    EQ(fans, 2);
    OK(p_nvmlDeviceGetFanSpeed_v2(d, 0, &speed));
    EQ(speed, 45);
    OK(p_nvmlDeviceGetFanSpeed_v2(d, 1, &speed));
    EQ(speed, 45);
    RC(p_nvmlDeviceGetFanSpeed_v2(d, 2, &speed), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetFanSpeed_v2(d, 0, NULL), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetNumFans(d, NULL), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetNumFans(handle(1), &fans), NVML_ERROR_NOT_SUPPORTED);
    RC(p_nvmlDeviceGetFanSpeed_v2(handle(1), 0, &speed), NVML_ERROR_NOT_SUPPORTED);
    OK(p_nvmlDeviceGetNumFans(handle(2), &fans));
    EQ(fans, 0);
    RC(p_nvmlDeviceGetFanSpeed_v2(handle(2), 0, &speed), NVML_ERROR_NOT_SUPPORTED);

    memset(fv, 0, sizeof fv);
    fv[0].fieldId = NVML_FI_DEV_MEMORY_TEMP;
    fv[1].fieldId = NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION;
    OK(p_nvmlDeviceGetFieldValues(d, 2, fv));
    EQ(fv[0].nvmlReturn, NVML_SUCCESS);
    EQ(fv[0].valueType, NVML_VALUE_TYPE_UNSIGNED_INT);
    EQ(fv[0].value.uiVal, 71);
    CHECK(fv[0].timestamp > 1600000000000000LL, "timestamp %lld is CPU time in microseconds", fv[0].timestamp);
    EQ(fv[1].nvmlReturn, NVML_ERROR_NOT_SUPPORTED);
    RC(p_nvmlDeviceGetFieldValues(d, 0, fv), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetFieldValues(d, 1, NULL), NVML_ERROR_INVALID_ARGUMENT);
    fv[0].fieldId = NVML_FI_DEV_MEMORY_TEMP;
    OK(p_nvmlDeviceGetFieldValues(handle(1), 1, fv));
    EQ(fv[0].nvmlReturn, NVML_ERROR_NOT_SUPPORTED);

    nvmlDevice_t v100 = handle(3);
    unsigned long long addrs[4];
    pages = 0;
    RC(p_nvmlDeviceGetRetiredPages(v100, NVML_PAGE_RETIREMENT_CAUSE_MULTIPLE_SINGLE_BIT_ECC_ERRORS, &pages, NULL),
       NVML_ERROR_INSUFFICIENT_SIZE);
    EQ(pages, 2);
    pages = 4;
    OK(p_nvmlDeviceGetRetiredPages(v100, NVML_PAGE_RETIREMENT_CAUSE_MULTIPLE_SINGLE_BIT_ECC_ERRORS, &pages, addrs));
    EQ(pages, 2);
    EQ(addrs[1], 0x2000);
    pages = 0;
    RC(p_nvmlDeviceGetRetiredPages(v100, NVML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR, &pages, addrs),
       NVML_ERROR_INSUFFICIENT_SIZE);
    EQ(pages, 1);
    RC(p_nvmlDeviceGetRetiredPages(v100, NVML_PAGE_RETIREMENT_CAUSE_COUNT, &pages, addrs), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetRetiredPages(v100, NVML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR, NULL, addrs),
       NVML_ERROR_INVALID_ARGUMENT);
    OK(p_nvmlDeviceGetRetiredPagesPendingStatus(v100, &pend));
    EQ(pend, NVML_FEATURE_ENABLED);
    RC(p_nvmlDeviceGetRetiredPagesPendingStatus(v100, NULL), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetRetiredPagesPendingStatus(d, &pend), NVML_ERROR_NOT_SUPPORTED);

    pend = NVML_FEATURE_DISABLED;
    OK(p_nvmlDeviceGetNvLinkState(d, 1, &pend));
    EQ(pend, NVML_FEATURE_ENABLED);
    RC(p_nvmlDeviceGetNvLinkState(d, 2, &pend), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetNvLinkState(d, 0, NULL), NVML_ERROR_INVALID_ARGUMENT);
    OK(p_nvmlDeviceGetNvLinkErrorCounter(d, 0, NVML_NVLINK_ERROR_DL_CRC_FLIT, &errs));
    EQ(errs, 5);
    OK(p_nvmlDeviceGetNvLinkErrorCounter(d, 1, NVML_NVLINK_ERROR_DL_CRC_FLIT, &errs));
    EQ(errs, 10);
    OK(p_nvmlDeviceGetNvLinkErrorCounter(d, 1, NVML_NVLINK_ERROR_DL_CRC_DATA, &errs));
    EQ(errs, 6);
    OK(p_nvmlDeviceGetNvLinkErrorCounter(d, 0, NVML_NVLINK_ERROR_DL_REPLAY, &errs));
    EQ(errs, 1);
    OK(p_nvmlDeviceGetNvLinkErrorCounter(d, 0, NVML_NVLINK_ERROR_DL_RECOVERY, &errs));
    EQ(errs, 0);
    RC(p_nvmlDeviceGetNvLinkErrorCounter(d, 0, NVML_NVLINK_ERROR_DL_ECC_DATA, &errs), NVML_ERROR_NOT_SUPPORTED);
    RC(p_nvmlDeviceGetNvLinkErrorCounter(d, 0, NVML_NVLINK_ERROR_COUNT, &errs), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetNvLinkErrorCounter(d, 2, NVML_NVLINK_ERROR_DL_REPLAY, &errs), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetNvLinkErrorCounter(d, 0, NVML_NVLINK_ERROR_DL_REPLAY, NULL), NVML_ERROR_INVALID_ARGUMENT);
    RC(p_nvmlDeviceGetNvLinkState(handle(1), 0, &pend), NVML_ERROR_NOT_SUPPORTED);
    OK(p_nvmlShutdown());
}

/* ------------------------------------------------------------- PCIe link */

/* The fault machinery reaches the PCIe link functions like any other: each is `unsupported` on its
 * own, and a lost GPU answers GPU_IS_LOST for them. */
static void check_pcie_link_faults(void)
{
    const char *path = write_scenario("pcie-link",
        "[gpu]\n"
        "pcie_link_width = 4\n"
        "unsupported = nvmlDeviceGetMaxPcieLinkGeneration, nvmlDeviceGetCurrPcieLinkWidth\n"
        "[gpu]\n"
        "lost_after_calls = 1\n");
    unsigned u = 0;
    load(path);
    nvmlDevice_t d = handle(0);
    OK(p_nvmlDeviceGetCurrPcieLinkGeneration(d, &u));
    EQ(u, 4);
    RC(p_nvmlDeviceGetMaxPcieLinkGeneration(d, &u), NVML_ERROR_NOT_SUPPORTED);
    RC(p_nvmlDeviceGetCurrPcieLinkWidth(d, &u), NVML_ERROR_NOT_SUPPORTED);
    OK(p_nvmlDeviceGetMaxPcieLinkWidth(d, &u));
    EQ(u, 16);
    nvmlDevice_t lost = handle(1);
    OK(p_nvmlDeviceGetMaxPcieLinkWidth(lost, &u));
    RC(p_nvmlDeviceGetMaxPcieLinkWidth(lost, &u), NVML_ERROR_GPU_IS_LOST);
    RC(p_nvmlDeviceGetCurrPcieLinkGeneration(lost, &u), NVML_ERROR_GPU_IS_LOST);
    OK(p_nvmlShutdown());
}

/* ------------------------------------------------------------ old driver */

static void check_old_driver(const char *old_path)
{
    static const char *const missing[] = { "nvmlDeviceGetMemoryInfo_v2", "nvmlSystemGetCudaDriverVersion_v2",
                                           "nvmlDeviceGetTotalEnergyConsumption",
                                           "nvmlDeviceGetMPSComputeRunningProcesses_v3",
                                           "nvmlGpmQueryDeviceSupport", "nvmlGpmSampleAlloc", "nvmlGpmSampleFree",
                                           "nvmlGpmSampleGet", "nvmlGpmMigSampleGet", "nvmlGpmMetricsGet",
                                           "nvmlDeviceGetRemappedRows", "nvmlDeviceGetNumFans",
                                           "nvmlDeviceGetFanSpeed_v2" };
    void *old = dlopen(old_path, RTLD_NOW | RTLD_LOCAL);
    CHECK(old != NULL, "cannot load %s: %s", old_path, dlerror());
    for (unsigned i = 0; i < sizeof missing / sizeof missing[0]; i++)
        CHECK(dlsym(old, missing[i]) == NULL, "the old-driver library exports %s", missing[i]);
    __typeof__(nvmlInit_v2) *init = (__typeof__(init))must_sym(old, "nvmlInit_v2");
    __typeof__(nvmlShutdown) *shutdown = (__typeof__(shutdown))must_sym(old, "nvmlShutdown");
    __typeof__(nvmlDeviceGetCount_v2) *count = (__typeof__(count))must_sym(old, "nvmlDeviceGetCount_v2");
    must_sym(old, "nvmlDeviceGetMemoryInfo");
    must_sym(old, "nvmlDeviceGetComputeRunningProcesses_v3");
    /* NVML has had the PCIe link functions since its first releases: an older driver keeps them */
    must_sym(old, "nvmlDeviceGetCurrPcieLinkGeneration");
    must_sym(old, "nvmlDeviceGetCurrPcieLinkWidth");
    must_sym(old, "nvmlDeviceGetMaxPcieLinkGeneration");
    must_sym(old, "nvmlDeviceGetMaxPcieLinkWidth");
    int (*set_scenario)(const char *) = (int (*)(const char *))must_sym(old, "simnvml_set_scenario");
    unsigned n = 0;
    set_scenario(NULL);
    OK(init());
    OK(count(&n));
    EQ(n, 1);
    OK(shutdown());
    dlclose(old);
}

/* ------------------------------------------------------------------ main */

static void remove_tmp_files(void)
{
    for (int i = 0; i < tmp_count; i++)
        unlink(tmp_files[i]);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s LIB test-node.conf [OLD_LIB]\n", argv[0]);
        return 2;
    }
    atexit(remove_tmp_files);
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    CHECK(lib != NULL, "cannot load %s: %s", argv[1], dlerror());
    bind(lib);

    check_error_strings();
    check_uninitialized();
    load(argv[2]);
    check_system();
    check_gpu0();
    check_processes_gpu0();
    check_gpu1_mig();
    check_gpu2();
    check_events();
    check_refcount();
    check_faults();
    check_hang_times();
    check_parse_errors(argv[2]);
    check_builtin_and_env(argv[2]);
    check_default(argv[2]);
    check_gpm(argv[2]);
    check_device_health(argv[2]);
    check_pcie_link_faults();
    if (argc > 3)
        check_old_driver(argv[3]);
    CHECK(p_calls() > 100, "simnvml_calls() = %d", p_calls());

    printf("sim smoke: %d checks passed\n", checks);
    return 0;
}
