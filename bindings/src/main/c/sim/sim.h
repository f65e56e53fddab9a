/*
 * Simulated NVML: internal declarations shared by the simulator's sources.
 *
 * The simulator is a drop-in replacement for libnvidia-ml.so.1 whose answers come from a
 * scenario file (see docs/simulated-nvml.md). Nothing here is exported: the library is
 * compiled with -fvisibility=hidden and only SIM_EXPORT'ed functions (the NVML API and the
 * simnvml_* control functions) are visible to dlopen/dlsym.
 *
 * Layout of the sources:
 *   expr.c        value expressions (constants, sine, ramp, cycle)
 *   load.c        scenario life cycle: read the file, parse, finish, free
 *   scenario.c    the scenario text parser (lines, sections, keys)
 *   finish.c      defaults, cross-section checks and indexing after a parse
 *   core.c        global state, locking, handles, fault injection, control functions
 *   api_system.c  init/shutdown, error strings, system queries, device enumeration
 *   api_device.c  per-device getters (memory, power, clocks, ...)
 *   api_mig.c     MIG handles and process lists
 *   api_events.c  event sets and XID delivery
 */
#ifndef SIMNVML_SIM_H
#define SIMNVML_SIM_H

/* We implement the versioned entry points by name; the header's unversioned aliases
 * (nvmlInit -> nvmlInit_v2, ...) would only get in the way. */
#define NVML_NO_UNVERSIONED_FUNC_DEFS
#include <nvml.h>
/* nvmlGpmMigSampleGet (R525+) is newer than the build machines' nvml.h (CUDA 11.8): its
 * declaration, as NVIDIA's newer headers give it, is kept beside the jextract arguments. */
#include "nvml_newer.h"

#include <stddef.h>
#include <stdint.h>

#define SIM_EXPORT __attribute__((visibility("default")))

/* Hard limits: they keep every structure fixed-size after load (no allocation in getters). */
#define SIM_MAX_GPUS 64
#define SIM_MAX_MIG_PER_GPU 7          /* an A100/H100 has at most 7 MIG devices */
#define SIM_MAX_MIGS (SIM_MAX_GPUS * SIM_MAX_MIG_PER_GPU)
#define SIM_MAX_PROCESSES 4096
#define SIM_MAX_EVENTS 1024
#define SIM_MAX_EVENT_SETS 64
#define SIM_MAX_CYCLE_VALUES 64
#define SIM_NAME_LEN 96                /* NVML_DEVICE_NAME_V2_BUFFER_SIZE */
#define SIM_UUID_LEN 96                /* NVML_DEVICE_UUID_V2_BUFFER_SIZE */
#define SIM_VERSION_LEN 80             /* NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE */
#define SIM_PROFILE_LEN 32
#define SIM_NO_ID 0xFFFFFFFFu          /* "no GPU/compute instance", as in nvmlProcessInfo_t */
#define SIM_NEVER UINT64_MAX           /* a call-count threshold that is never reached */

/* ------------------------------------------------------------------ expressions */

typedef enum { EXPR_CONST, EXPR_SINE, EXPR_RAMP, EXPR_CYCLE } sim_expr_kind;

/* A value that may move with time t (seconds since the scenario was loaded). */
typedef struct {
    sim_expr_kind kind;
    unsigned n;              /* number of values in vals (cycle) */
    unsigned long long u;    /* exact value of an integer constant (bitmasks, byte counts) */
    int exact;               /* u is the value (a non-negative integer literal) */
    double a, b, c;          /* constant: a; sine: min, max, period; ramp: start, per_second;
                                cycle: a = period */
    double *vals;            /* cycle values, owned (freed by sim_expr_free) */
} sim_expr;

int sim_expr_parse(const char *text, sim_expr *out, char *err, size_t errlen);
void sim_expr_const(sim_expr *e, double v);
int sim_expr_copy(sim_expr *dst, const sim_expr *src);
void sim_expr_free(sim_expr *e);
double sim_expr_eval(const sim_expr *e, double t);
/* Integer views: truncated toward zero and clamped to the type's range (negatives give 0). */
unsigned int sim_u32(const sim_expr *e, double t);
unsigned long long sim_u64(const sim_expr *e, double t);

/* --------------------------------------------------------------- function table */

/* Every NVML function the simulator implements, with whether it takes a device handle
 * (only those may appear in a GPU's `unsupported` or `hang` list). The position in this
 * list is the bit used in the per-GPU masks (sim_fn_mask below). */
#define SIM_FUNCTIONS(X)                                         \
    X(nvmlInit_v2, 0)                                            \
    X(nvmlInitWithFlags, 0)                                      \
    X(nvmlShutdown, 0)                                           \
    X(nvmlErrorString, 0)                                        \
    X(nvmlSystemGetDriverVersion, 0)                             \
    X(nvmlSystemGetNVMLVersion, 0)                               \
    X(nvmlSystemGetCudaDriverVersion_v2, 0)                      \
    X(nvmlDeviceGetCount_v2, 0)                                  \
    X(nvmlDeviceGetHandleByIndex_v2, 0)                          \
    X(nvmlDeviceGetUUID, 1)                                      \
    X(nvmlDeviceGetName, 1)                                      \
    X(nvmlDeviceGetIndex, 1)                                     \
    X(nvmlDeviceGetMinorNumber, 1)                               \
    X(nvmlDeviceGetPciInfo_v3, 1)                                \
    X(nvmlDeviceGetUtilizationRates, 1)                          \
    X(nvmlDeviceGetMemoryInfo, 1)                                \
    X(nvmlDeviceGetMemoryInfo_v2, 1)                             \
    X(nvmlDeviceGetTemperature, 1)                               \
    X(nvmlDeviceGetPowerUsage, 1)                                \
    X(nvmlDeviceGetEnforcedPowerLimit, 1)                        \
    X(nvmlDeviceGetTotalEnergyConsumption, 1)                    \
    X(nvmlDeviceGetClockInfo, 1)                                 \
    X(nvmlDeviceGetPerformanceState, 1)                          \
    X(nvmlDeviceGetCurrentClocksThrottleReasons, 1)              \
    X(nvmlDeviceGetEncoderUtilization, 1)                        \
    X(nvmlDeviceGetDecoderUtilization, 1)                        \
    X(nvmlDeviceGetPcieThroughput, 1)                            \
    X(nvmlDeviceGetPcieReplayCounter, 1)                         \
    X(nvmlDeviceGetCurrPcieLinkGeneration, 1)                    \
    X(nvmlDeviceGetCurrPcieLinkWidth, 1)                         \
    X(nvmlDeviceGetMaxPcieLinkGeneration, 1)                     \
    X(nvmlDeviceGetMaxPcieLinkWidth, 1)                          \
    X(nvmlDeviceGetTotalEccErrors, 1)                            \
    X(nvmlDeviceGetRemappedRows, 1)                              \
    X(nvmlDeviceGetRetiredPages, 1)                              \
    X(nvmlDeviceGetRetiredPagesPendingStatus, 1)                 \
    X(nvmlDeviceGetViolationStatus, 1)                           \
    X(nvmlDeviceGetNumFans, 1)                                   \
    X(nvmlDeviceGetFanSpeed_v2, 1)                               \
    X(nvmlDeviceGetFieldValues, 1)                               \
    X(nvmlDeviceGetNvLinkState, 1)                               \
    X(nvmlDeviceGetNvLinkErrorCounter, 1)                        \
    X(nvmlDeviceGetMigMode, 1)                                   \
    X(nvmlDeviceGetMaxMigDeviceCount, 1)                         \
    X(nvmlDeviceGetMigDeviceHandleByIndex, 1)                    \
    X(nvmlDeviceIsMigDeviceHandle, 1)                            \
    X(nvmlDeviceGetGpuInstanceId, 1)                             \
    X(nvmlDeviceGetComputeInstanceId, 1)                         \
    X(nvmlDeviceGetDeviceHandleFromMigDeviceHandle, 1)           \
    X(nvmlDeviceGetComputeRunningProcesses_v3, 1)                \
    X(nvmlDeviceGetGraphicsRunningProcesses_v3, 1)               \
    X(nvmlDeviceGetMPSComputeRunningProcesses_v3, 1)             \
    X(nvmlDeviceGetProcessUtilization, 1)                        \
    X(nvmlEventSetCreate, 0)                                     \
    X(nvmlDeviceGetSupportedEventTypes, 1)                       \
    X(nvmlDeviceRegisterEvents, 1)                               \
    X(nvmlEventSetWait_v2, 0)                                    \
    X(nvmlEventSetFree, 0)                                       \
    X(nvmlGpmQueryDeviceSupport, 1)                              \
    X(nvmlGpmSampleAlloc, 0)                                     \
    X(nvmlGpmSampleFree, 0)                                      \
    X(nvmlGpmSampleGet, 1)                                       \
    X(nvmlGpmMigSampleGet, 1)                                    \
    X(nvmlGpmMetricsGet, 0)

#define SIM_FN_ENUM(name, dev) FN_##name,
typedef enum { SIM_FUNCTIONS(SIM_FN_ENUM) FN_COUNT } sim_fn;
#undef SIM_FN_ENUM

/* A set of functions (a GPU's `unsupported` and `hang` lists): one bit per sim_fn, in a few
 * 64-bit words so that the list can keep growing past 64 functions; capacity SIM_FN_WORDS * 64.
 * Fixed size, so a sim_gpu stays fixed-size and getters never allocate. */
#define SIM_FN_WORDS 4
typedef struct {
    unsigned long long w[SIM_FN_WORDS];
} sim_fn_mask;
_Static_assert(FN_COUNT <= SIM_FN_WORDS * 64, "more simulated functions than sim_fn_mask holds: raise SIM_FN_WORDS");

static inline void sim_fn_mask_set(sim_fn_mask *m, sim_fn fn)
{
    m->w[(unsigned)fn / 64] |= 1ULL << ((unsigned)fn % 64);
}

static inline int sim_fn_mask_has(const sim_fn_mask *m, sim_fn fn)
{
    return (int)((m->w[(unsigned)fn / 64] >> ((unsigned)fn % 64)) & 1ULL);
}

/* Looks a function up by name; -1 if unknown. *is_device tells whether it takes a handle. */
int sim_fn_lookup(const char *name, int *is_device);
const char *sim_fn_name(sim_fn fn);

/* nvmlReturn_t names: "DRIVER_NOT_LOADED" or "NVML_ERROR_DRIVER_NOT_LOADED" -> code; -1 if unknown. */
int sim_return_lookup(const char *name);

/* --------------------------------------------------------------------- scenario */

/* Time-dependent per-GPU values, indexed by these ids (see scenario.c for the key names). */
typedef enum {
    GK_MEMORY_TOTAL, GK_MEMORY_RESERVED, GK_MEMORY_USED,
    GK_UTIL_GPU, GK_UTIL_MEMORY, GK_TEMPERATURE,
    GK_POWER_USAGE, GK_POWER_LIMIT, GK_ENERGY,
    GK_CLOCK_SM, GK_CLOCK_MEM, GK_CLOCK_GRAPHICS, GK_CLOCK_VIDEO,
    GK_PSTATE, GK_EVENT_REASONS, GK_ENCODER, GK_DECODER,
    GK_PCIE_TX, GK_PCIE_RX, GK_PCIE_REPLAY,
    /* PCIe link: current and maximum generation and width (lanes); the current ones default to the maximum */
    GK_PCIE_LINK_GEN, GK_PCIE_LINK_MAX_GEN, GK_PCIE_LINK_WIDTH, GK_PCIE_LINK_MAX_WIDTH,
    GK_ECC_CORRECTED, GK_ECC_UNCORRECTED, GK_ECC_CORRECTED_VOLATILE, GK_ECC_UNCORRECTED_VOLATILE,
    /* Optional features: NOT_SUPPORTED unless the scenario gives one of the feature's keys. */
    GK_REMAP_CORRECTABLE, GK_REMAP_UNCORRECTABLE, GK_REMAP_PENDING, GK_REMAP_FAILURE,
    /* violation times (ns) in nvmlPerfPolicyType_t order: POWER .. RELIABILITY */
    GK_VIOL_POWER, GK_VIOL_THERMAL, GK_VIOL_SYNC_BOOST, GK_VIOL_BOARD_LIMIT, GK_VIOL_LOW_UTIL, GK_VIOL_RELIABILITY,
    GK_FANS, GK_FAN_SPEED,            /* fan count (no key: NOT_SUPPORTED) and every fan's speed, percent */
    GK_MEMORY_TEMP,                   /* NVML_FI_DEV_MEMORY_TEMP, °C */
    GK_RETIRED_SBE, GK_RETIRED_DBE, GK_RETIRED_PENDING, /* page retirement (before Ampere) */
    GK_NVLINKS,                       /* active NVLinks (no key: no NVLink, NOT_SUPPORTED) */
    GK_NVLINK_REPLAY, GK_NVLINK_RECOVERY, GK_NVLINK_CRC_FLIT, GK_NVLINK_CRC_DATA, /* nvmlNvLinkErrorCounter_t order */
    GK_COUNT
} sim_gpu_key;

typedef enum { MK_MEMORY_TOTAL, MK_MEMORY_RESERVED, MK_MEMORY_USED, MK_COUNT } sim_mig_key;
/* GPM metrics (Hopper and newer), per GPU and per MIG device; see api_gpm.c for their NVML ids.
 * Activities in percent, PCIe and NVLink in MiB/s (NVML's units). */
typedef enum {
    GPM_GRAPHICS, GPM_SM, GPM_OCCUPANCY, GPM_TENSOR, GPM_DRAM,
    GPM_PCIE_TX, GPM_PCIE_RX, GPM_NVLINK_TX, GPM_NVLINK_RX,
    GPM_COUNT
} sim_gpm_key;
typedef enum { PK_USED_MEMORY, PK_SM, PK_MEM, PK_ENC, PK_DEC, PK_COUNT } sim_proc_key;
typedef enum { PROC_COMPUTE, PROC_GRAPHICS, PROC_MPS } sim_proc_type;

struct sim_gpu;

/* A MIG device (one compute instance of one GPU instance). */
typedef struct sim_mig {
    unsigned gpu;                     /* parent GPU index */
    unsigned index;                   /* MIG device index under the parent (0..6) */
    unsigned gpu_instance_id;
    unsigned compute_instance_id;
    char uuid[SIM_UUID_LEN];
    char profile[SIM_PROFILE_LEN];
    char name[SIM_NAME_LEN + SIM_PROFILE_LEN + 8];   /* "<parent name> MIG <profile>" */
    sim_expr v[MK_COUNT];
    sim_expr gpm_v[GPM_COUNT];        /* through nvmlGpmMigSampleGet with gpu_instance_id */
    unsigned line;                    /* where it was declared, for error messages */
} sim_mig;

typedef struct sim_proc {
    unsigned gpu;
    unsigned pid;
    sim_proc_type type;
    unsigned gpu_instance_id;         /* SIM_NO_ID unless given */
    unsigned compute_instance_id;     /* SIM_NO_ID unless given */
    sim_expr v[PK_COUNT];
    unsigned line;
} sim_proc;

typedef struct sim_event {
    unsigned gpu;
    unsigned long long xid;
    double at;                        /* seconds after load */
    unsigned gpu_instance_id, compute_instance_id;
    unsigned line;
} sim_event;

typedef struct sim_gpu {
    unsigned index;
    char name[SIM_NAME_LEN];
    char uuid[SIM_UUID_LEN];
    unsigned minor;
    char bus_id[NVML_DEVICE_PCI_BUS_ID_BUFFER_SIZE];
    char bus_id_legacy[NVML_DEVICE_PCI_BUS_ID_BUFFER_V2_SIZE];
    unsigned pci_domain, pci_bus, pci_device;
    unsigned pci_device_id, pci_subsystem_id;
    unsigned mig_mode;
    unsigned gpm;                     /* nvmlGpmQueryDeviceSupport's isSupportedDevice (Hopper+) */
    unsigned sample_period_ms;
    sim_expr v[GK_COUNT];
    sim_expr gpm_v[GPM_COUNT];
    unsigned char given[GK_COUNT];    /* set by the scenario (else a default applies) */
    sim_fn_mask unsupported;
    sim_fn_mask hang_fns;
    unsigned long long lost_after, recover_after, hang_after, hang_times;
    double hang_seconds;
    unsigned line;

    sim_mig mig[SIM_MAX_MIG_PER_GPU];
    unsigned mig_count;
    unsigned proc_first, proc_count;  /* this GPU's slice of scenario.procs (sorted by GPU) */

    /* run-time fault state, reset by each load */
    unsigned long long calls;         /* calls naming this GPU or one of its MIG devices */
    unsigned long long lost_answers;
    unsigned long long hangs;         /* calls that hung so far */
    int recovered;
} sim_gpu;

typedef struct scenario {
    char source[512];                 /* file path, or "<built-in>" */
    char driver_version[SIM_VERSION_LEN];
    char nvml_version[SIM_VERSION_LEN];
    int cuda_driver_version;
    unsigned init_failures;
    nvmlReturn_t init_error;

    unsigned gpu_count;
    sim_gpu gpus[SIM_MAX_GPUS];
    sim_proc *procs;
    unsigned proc_count;
    sim_event *events;                /* sorted by time */
    unsigned event_count;
} scenario;

/* Parses a scenario from a file (path) or, when path is NULL, from text named `source`.
 * Returns NULL with a "scenario FILE:LINE: what" message in err on failure. */
scenario *sim_scenario_load(const char *path, const char *text, const char *source,
                            char *err, size_t errlen);
void sim_scenario_free(scenario *sc);

/* Parses scenario text (modified in place) into sc; the [mig] sections are returned in a
 * malloc'ed array for sim_scenario_finish to attach. Returns 0, or -1 with err set. */
int sim_scenario_parse(scenario *sc, char *text, sim_mig **migs, unsigned *mig_count, char *err, size_t errlen);

/* Used after parsing: applies defaults and checks what spans sections (finish.c).
 * Returns 0, or -1 with err set. */
int sim_scenario_finish(scenario *sc, sim_mig *migs, unsigned mig_count, char *err, size_t errlen);
void sim_gpu_defaults(sim_gpu *g, unsigned index);
/* Sets the GPU's PCI location from "DDDDDDDD:BB:DD.F" (or "DDDD:BB:DD.F"); 0 or -1. */
int sim_gpu_set_pci(sim_gpu *g, const char *bus_id);

/* ---------------------------------------------------------------- core (core.c) */

/* One API call in progress: filled by sim_enter*, which returns with the state lock held
 * on success (and released on failure); sim_leave releases it. */
typedef struct {
    scenario *sc;
    sim_gpu *gpu;        /* the GPU named (a MIG device's parent) */
    sim_mig *mig;        /* the MIG device named, or NULL for a full-GPU handle */
    double t;            /* seconds since load, at entry */
} sim_call;

/* sim_enter_device flags */
#define SIM_MIG_OK 1u           /* MIG device handles answer (else NOT_SUPPORTED) */
#define SIM_NOT_IN_MIG_MODE 2u  /* a full GPU with MIG mode on answers NOT_SUPPORTED (nvml.h notes) */

void sim_count_call(void);
nvmlReturn_t sim_enter(sim_call *c);
nvmlReturn_t sim_enter_device(sim_call *c, sim_fn fn, nvmlDevice_t device, unsigned flags);
nvmlReturn_t sim_leave(sim_call *c, nvmlReturn_t rc);

/* Called with the lock held. */
nvmlDevice_t sim_gpu_handle(unsigned gpu);
nvmlDevice_t sim_mig_handle(unsigned gpu, unsigned mig);
double sim_now_t(void);                       /* seconds since load */
long long sim_load_realtime_us(void);         /* CLOCK_REALTIME at load, microseconds */
unsigned long sim_generation(void);           /* bumped at every load and unload */
int sim_loaded(void);                         /* a scenario is loaded (initialised) */
/* Waits on the state condition (lock held) until woken or `seconds` after load (absolute). */
void sim_wait_until(double t_abs);
void sim_wake_all(void);

/* nvmlInit_v2/nvmlInitWithFlags and nvmlShutdown: load on 0->1, unload on 1->0. */
nvmlReturn_t sim_init(void);
nvmlReturn_t sim_shutdown(void);

/* Copies a string answer: INVALID_ARGUMENT for NULL, INSUFFICIENT_SIZE if it does not fit. */
nvmlReturn_t sim_copy_string(char *dst, unsigned int length, const char *src);

/* Event sets are reset when the scenario is (un)loaded (api_events.c). */
void sim_events_reset(void);
/* So are GPM samples (api_gpm.c). */
void sim_gpm_reset(void);

#endif /* SIMNVML_SIM_H */
