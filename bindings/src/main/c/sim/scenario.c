/*
 * The scenario text parser (load.c reads the file and calls it).
 *
 * The format is deliberately small and line oriented (an INI dialect) so that a scenario
 * can be written by hand in a test and every mistake can be reported as FILE:LINE: what.
 * Each section kind has a table of keys saying where the value goes and how it is read;
 * one generic routine applies a `key = value` line through that table. Checks that need
 * the whole file (GPU references, MIG placement, sorting) are in finish.c.
 *
 * Everything is allocated here, at load; nothing in the API's getters allocates.
 */
#include "sim.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most keys a section kind may have (the parser keeps one flag per key). */
#define MAX_SECTION_KEYS 128

typedef enum { SEC_NONE, SEC_SYSTEM, SEC_GPU, SEC_MIG, SEC_PROCESS, SEC_EVENT } section_kind;

static const char *const section_names[] = { "", "system", "gpu", "mig", "process", "event" };

typedef enum {
    KT_EXPR,     /* value expression -> sim_expr */
    KT_STRING,   /* text -> char[size] */
    KT_U32,      /* plain integer (decimal or 0x hex) in [min, max] -> unsigned */
    KT_U64,      /* plain integer -> unsigned long long */
    KT_SECONDS,  /* non-negative decimal -> double */
    KT_PCI,      /* PCI bus id -> the GPU's PCI fields */
    KT_FNLIST,   /* comma list of NVML device function names -> sim_fn_mask */
    KT_RETURN,   /* an nvmlReturn_t name -> nvmlReturn_t */
    KT_PTYPE     /* compute | graphics | mps -> sim_proc_type */
} key_type;

typedef struct {
    const char *name;
    key_type type;
    size_t offset;              /* into the section's struct */
    size_t size;                /* KT_STRING: buffer size */
    unsigned long long min, max;/* KT_U32 bounds */
    int given;                  /* [gpu] KT_EXPR: index into sim_gpu.given, else -1 */
    int required;
} key_desc;

#define EXPR_KEY(n, st, k) { n, KT_EXPR, offsetof(st, v[k]), 0, 0, 0, -1, 0 }
#define GPU_EXPR(n, k) { n, KT_EXPR, offsetof(sim_gpu, v[k]), 0, 0, 0, k, 0 }
#define STR_KEY(n, st, f) { n, KT_STRING, offsetof(st, f), sizeof(((st *)0)->f), 0, 0, -1, 0 }
#define U32_KEY(n, st, f, lo, hi, req) { n, KT_U32, offsetof(st, f), 0, lo, hi, -1, req }
#define TYPED_KEY(n, t, st, f, req) { n, t, offsetof(st, f), 0, 0, 0, -1, req }
#define GPM_KEY(n, st, k) { n, KT_EXPR, offsetof(st, gpm_v[k]), 0, 0, 0, -1, 0 }
/* The GPM metrics, the same keys in [gpu] and [mig] (api_gpm.c). */
#define GPM_KEYS(st)                                   \
    GPM_KEY("gpm_graphics_active", st, GPM_GRAPHICS),  \
    GPM_KEY("gpm_sm_active", st, GPM_SM),              \
    GPM_KEY("gpm_sm_occupancy", st, GPM_OCCUPANCY),    \
    GPM_KEY("gpm_tensor_active", st, GPM_TENSOR),      \
    GPM_KEY("gpm_dram_active", st, GPM_DRAM),          \
    GPM_KEY("gpm_pcie_tx", st, GPM_PCIE_TX),           \
    GPM_KEY("gpm_pcie_rx", st, GPM_PCIE_RX),           \
    GPM_KEY("gpm_nvlink_tx", st, GPM_NVLINK_TX),       \
    GPM_KEY("gpm_nvlink_rx", st, GPM_NVLINK_RX)

static const key_desc system_keys[] = {
    STR_KEY("driver_version", scenario, driver_version),
    STR_KEY("nvml_version", scenario, nvml_version),
    U32_KEY("cuda_driver_version", scenario, cuda_driver_version, 0, INT_MAX, 0),
    U32_KEY("init_failures", scenario, init_failures, 0, UINT_MAX, 0),
    TYPED_KEY("init_error", KT_RETURN, scenario, init_error, 0),
};

static const key_desc gpu_keys[] = {
    STR_KEY("name", sim_gpu, name),
    STR_KEY("uuid", sim_gpu, uuid),
    U32_KEY("minor", sim_gpu, minor, 0, UINT_MAX, 0),
    TYPED_KEY("pci_bus_id", KT_PCI, sim_gpu, bus_id, 0),
    U32_KEY("pci_device_id", sim_gpu, pci_device_id, 0, UINT_MAX, 0),
    U32_KEY("pci_subsystem_id", sim_gpu, pci_subsystem_id, 0, UINT_MAX, 0),
    GPU_EXPR("memory_total", GK_MEMORY_TOTAL),
    GPU_EXPR("memory_reserved", GK_MEMORY_RESERVED),
    GPU_EXPR("memory_used", GK_MEMORY_USED),
    GPU_EXPR("utilization_gpu", GK_UTIL_GPU),
    GPU_EXPR("utilization_memory", GK_UTIL_MEMORY),
    GPU_EXPR("temperature", GK_TEMPERATURE),
    GPU_EXPR("power_usage", GK_POWER_USAGE),
    GPU_EXPR("power_limit", GK_POWER_LIMIT),
    GPU_EXPR("energy", GK_ENERGY),
    GPU_EXPR("clock_sm", GK_CLOCK_SM),
    GPU_EXPR("clock_mem", GK_CLOCK_MEM),
    GPU_EXPR("clock_graphics", GK_CLOCK_GRAPHICS),
    GPU_EXPR("clock_video", GK_CLOCK_VIDEO),
    GPU_EXPR("pstate", GK_PSTATE),
    GPU_EXPR("clocks_event_reasons", GK_EVENT_REASONS),
    GPU_EXPR("encoder_utilization", GK_ENCODER),
    GPU_EXPR("decoder_utilization", GK_DECODER),
    GPU_EXPR("pcie_tx", GK_PCIE_TX),
    GPU_EXPR("pcie_rx", GK_PCIE_RX),
    GPU_EXPR("pcie_replay", GK_PCIE_REPLAY),
    GPU_EXPR("pcie_link_gen", GK_PCIE_LINK_GEN),
    GPU_EXPR("pcie_link_max_gen", GK_PCIE_LINK_MAX_GEN),
    GPU_EXPR("pcie_link_width", GK_PCIE_LINK_WIDTH),
    GPU_EXPR("pcie_link_max_width", GK_PCIE_LINK_MAX_WIDTH),
    GPU_EXPR("ecc_corrected", GK_ECC_CORRECTED),
    GPU_EXPR("ecc_uncorrected", GK_ECC_UNCORRECTED),
    GPU_EXPR("ecc_corrected_volatile", GK_ECC_CORRECTED_VOLATILE),
    GPU_EXPR("ecc_uncorrected_volatile", GK_ECC_UNCORRECTED_VOLATILE),
    GPU_EXPR("remapped_rows_correctable", GK_REMAP_CORRECTABLE),
    GPU_EXPR("remapped_rows_uncorrectable", GK_REMAP_UNCORRECTABLE),
    GPU_EXPR("remapped_rows_pending", GK_REMAP_PENDING),
    GPU_EXPR("remapped_rows_failure", GK_REMAP_FAILURE),
    GPU_EXPR("violation_power", GK_VIOL_POWER),
    GPU_EXPR("violation_thermal", GK_VIOL_THERMAL),
    GPU_EXPR("violation_sync_boost", GK_VIOL_SYNC_BOOST),
    GPU_EXPR("violation_board_limit", GK_VIOL_BOARD_LIMIT),
    GPU_EXPR("violation_low_utilization", GK_VIOL_LOW_UTIL),
    GPU_EXPR("violation_reliability", GK_VIOL_RELIABILITY),
    GPU_EXPR("fans", GK_FANS),
    GPU_EXPR("fan_speed", GK_FAN_SPEED),
    GPU_EXPR("memory_temperature", GK_MEMORY_TEMP),
    GPU_EXPR("retired_pages_single_bit", GK_RETIRED_SBE),
    GPU_EXPR("retired_pages_double_bit", GK_RETIRED_DBE),
    GPU_EXPR("retired_pages_pending", GK_RETIRED_PENDING),
    GPU_EXPR("nvlinks", GK_NVLINKS),
    GPU_EXPR("nvlink_replay_errors", GK_NVLINK_REPLAY),
    GPU_EXPR("nvlink_recovery_errors", GK_NVLINK_RECOVERY),
    GPU_EXPR("nvlink_crc_flit_errors", GK_NVLINK_CRC_FLIT),
    GPU_EXPR("nvlink_crc_data_errors", GK_NVLINK_CRC_DATA),
    U32_KEY("mig_mode", sim_gpu, mig_mode, 0, 1, 0),
    U32_KEY("gpm", sim_gpu, gpm, 0, 1, 0),
    GPM_KEYS(sim_gpu),
    U32_KEY("sample_period_ms", sim_gpu, sample_period_ms, 1, 3600000, 0),
    TYPED_KEY("unsupported", KT_FNLIST, sim_gpu, unsupported, 0),
    TYPED_KEY("lost_after_calls", KT_U64, sim_gpu, lost_after, 0),
    TYPED_KEY("recover_after_calls", KT_U64, sim_gpu, recover_after, 0),
    TYPED_KEY("hang", KT_FNLIST, sim_gpu, hang_fns, 0),
    TYPED_KEY("hang_after_calls", KT_U64, sim_gpu, hang_after, 0),
    TYPED_KEY("hang_seconds", KT_SECONDS, sim_gpu, hang_seconds, 0),
    TYPED_KEY("hang_times", KT_U64, sim_gpu, hang_times, 0),
};

/* The parser's duplicate check has one flag per key of a section. */
_Static_assert(sizeof gpu_keys / sizeof gpu_keys[0] <= MAX_SECTION_KEYS, "too many [gpu] keys for the seen flags");

static const key_desc mig_keys[] = {
    U32_KEY("gpu", sim_mig, gpu, 0, UINT_MAX, 1),
    STR_KEY("uuid", sim_mig, uuid),
    U32_KEY("gpu_instance_id", sim_mig, gpu_instance_id, 0, SIM_NO_ID - 1, 0),
    U32_KEY("compute_instance_id", sim_mig, compute_instance_id, 0, SIM_NO_ID - 1, 0),
    STR_KEY("profile", sim_mig, profile),
    EXPR_KEY("memory_total", sim_mig, MK_MEMORY_TOTAL),
    EXPR_KEY("memory_reserved", sim_mig, MK_MEMORY_RESERVED),
    EXPR_KEY("memory_used", sim_mig, MK_MEMORY_USED),
    GPM_KEYS(sim_mig),
};

static const key_desc process_keys[] = {
    U32_KEY("gpu", sim_proc, gpu, 0, UINT_MAX, 1),
    U32_KEY("gpu_instance_id", sim_proc, gpu_instance_id, 0, SIM_NO_ID - 1, 0),
    U32_KEY("compute_instance_id", sim_proc, compute_instance_id, 0, SIM_NO_ID - 1, 0),
    U32_KEY("pid", sim_proc, pid, 0, UINT_MAX, 1),
    TYPED_KEY("type", KT_PTYPE, sim_proc, type, 0),
    EXPR_KEY("used_memory", sim_proc, PK_USED_MEMORY),
    EXPR_KEY("sm_util", sim_proc, PK_SM),
    EXPR_KEY("mem_util", sim_proc, PK_MEM),
    EXPR_KEY("enc_util", sim_proc, PK_ENC),
    EXPR_KEY("dec_util", sim_proc, PK_DEC),
};

static const key_desc event_keys[] = {
    U32_KEY("gpu", sim_event, gpu, 0, UINT_MAX, 1),
    TYPED_KEY("xid", KT_U64, sim_event, xid, 1),
    TYPED_KEY("at", KT_SECONDS, sim_event, at, 0),
    U32_KEY("gpu_instance_id", sim_event, gpu_instance_id, 0, SIM_NO_ID - 1, 0),
    U32_KEY("compute_instance_id", sim_event, compute_instance_id, 0, SIM_NO_ID - 1, 0),
};

typedef struct {
    const key_desc *keys;
    unsigned count;
} key_table;

static const key_table tables[] = {
    { NULL, 0 },
    { system_keys, sizeof system_keys / sizeof system_keys[0] },
    { gpu_keys, sizeof gpu_keys / sizeof gpu_keys[0] },
    { mig_keys, sizeof mig_keys / sizeof mig_keys[0] },
    { process_keys, sizeof process_keys / sizeof process_keys[0] },
    { event_keys, sizeof event_keys / sizeof event_keys[0] },
};

typedef struct {
    scenario *sc;
    unsigned line;
    char *err;
    size_t errlen;
    section_kind section;
    void *obj;                   /* what the current section's keys write into */
    unsigned char seen[MAX_SECTION_KEYS]; /* keys given in the current section (duplicate check) */
    unsigned section_line;
    int system_done;
    sim_mig *migs;               /* [mig] sections, attached to their GPUs by finish.c */
    unsigned mig_count, mig_cap;
    unsigned proc_cap, event_cap;
} parser;

static int fail(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(parser *p, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(p->err, p->errlen, "scenario %s:%u: %s", p->sc->source, p->line, what);
    return -1;
}

/* Plain integers: decimal or 0x hex, no sign, no expression. */
static int parse_uint(const char *s, unsigned long long *out)
{
    int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    const char *d = hex ? s + 2 : s;
    if (*d == '\0')
        return -1;
    for (const char *q = d; *q; q++)
        if (hex ? !isxdigit((unsigned char)*q) : !isdigit((unsigned char)*q))
            return -1;
    errno = 0;
    *out = strtoull(d, NULL, hex ? 16 : 10);
    return errno == ERANGE ? -1 : 0;
}

static int parse_fn_list(parser *p, const char *key, const char *value, sim_fn_mask *mask)
{
    char buf[4096];
    if (strlen(value) >= sizeof buf)
        return fail(p, "value of '%s' is too long", key);
    strcpy(buf, value);
    memset(mask, 0, sizeof *mask);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        while (isspace((unsigned char)*tok))
            tok++;
        char *end = tok + strlen(tok);
        while (end > tok && isspace((unsigned char)end[-1]))
            *--end = '\0';
        if (*tok == '\0')
            return fail(p, "empty function name in '%s'", key);
        int is_device = 0;
        int fn = sim_fn_lookup(tok, &is_device);
        if (fn < 0)
            return fail(p, "unknown NVML function '%s' in '%s'", tok, key);
        if (!is_device)
            return fail(p, "'%s' in '%s' takes no device handle", tok, key);
        sim_fn_mask_set(mask, (sim_fn)fn);
    }
    return 0;
}

/* Applies one `key = value` through the section's key table. */
static int apply_key(parser *p, const char *key, const char *value)
{
    const key_table *tab = &tables[p->section];
    const key_desc *k = NULL;
    unsigned idx;
    for (idx = 0; idx < tab->count; idx++) {
        if (strcmp(tab->keys[idx].name, key) == 0) {
            k = &tab->keys[idx];
            break;
        }
    }
    if (k == NULL)
        return fail(p, "unknown key '%s' in [%s]", key, section_names[p->section]);
    if (p->seen[idx])
        return fail(p, "duplicate key '%s' in [%s]", key, section_names[p->section]);
    p->seen[idx] = 1;

    char *field = (char *)p->obj + k->offset;
    char msg[256];
    unsigned long long u;

    switch (k->type) {
    case KT_EXPR: {
        sim_expr e;
        if (sim_expr_parse(value, &e, msg, sizeof msg) != 0)
            return fail(p, "%s for '%s'", msg, key);
        sim_expr_free((sim_expr *)field);
        memcpy(field, &e, sizeof e);
        if (k->given >= 0)
            ((sim_gpu *)p->obj)->given[k->given] = 1;
        return 0;
    }
    case KT_STRING: {
        size_t n = strlen(value);
        if (n >= 2 && value[0] == '"' && value[n - 1] == '"') { /* optional quotes */
            value++;
            n -= 2;
        }
        if (n == 0)
            return fail(p, "empty value for '%s'", key);
        if (n >= k->size)
            return fail(p, "value of '%s' is too long (at most %zu characters)", key, k->size - 1);
        memcpy(field, value, n);
        field[n] = '\0';
        return 0;
    }
    case KT_U32:
        if (parse_uint(value, &u) != 0)
            return fail(p, "bad number '%s' for '%s' (a plain integer, decimal or 0x hex)", value, key);
        if (u < k->min || u > k->max)
            return fail(p, "'%s' = %s is out of range [%llu, %llu]", key, value, k->min, k->max);
        *(unsigned *)field = (unsigned)u;
        return 0;
    case KT_U64:
        if (parse_uint(value, &u) != 0)
            return fail(p, "bad number '%s' for '%s' (a plain integer, decimal or 0x hex)", value, key);
        *(unsigned long long *)field = u;
        return 0;
    case KT_SECONDS: {
        char *end = NULL;
        errno = 0;
        double d = strtod(value, &end);
        /* capped so that any value converts to a timespec (1e9 s is ~31 years) */
        if (!isdigit((unsigned char)value[0]) || *end != '\0' || errno == ERANGE || !(d >= 0 && d <= 1e9))
            return fail(p, "bad number '%s' for '%s' (seconds, 0 to 1e9)", value, key);
        *(double *)field = d;
        return 0;
    }
    case KT_PCI:
        if (sim_gpu_set_pci((sim_gpu *)p->obj, value) != 0)
            return fail(p, "bad PCI bus id '%s' (expected DDDDDDDD:BB:DD.F, e.g. 00000000:07:00.0)", value);
        return 0;
    case KT_FNLIST:
        return parse_fn_list(p, key, value, (sim_fn_mask *)field);
    case KT_RETURN: {
        int rc = sim_return_lookup(value);
        if (rc < 0 || rc == NVML_SUCCESS)
            return fail(p, "unknown NVML error '%s' for '%s' (e.g. DRIVER_NOT_LOADED)", value, key);
        *(nvmlReturn_t *)field = (nvmlReturn_t)rc;
        return 0;
    }
    case KT_PTYPE:
        if (strcmp(value, "compute") == 0)
            *(sim_proc_type *)field = PROC_COMPUTE;
        else if (strcmp(value, "graphics") == 0)
            *(sim_proc_type *)field = PROC_GRAPHICS;
        else if (strcmp(value, "mps") == 0)
            *(sim_proc_type *)field = PROC_MPS;
        else
            return fail(p, "bad process type '%s' (compute, graphics or mps)", value);
        return 0;
    }
    return fail(p, "internal error: key type");
}

/* Checks that the section just ended has its required keys. */
static int close_section(parser *p)
{
    const key_table *tab = &tables[p->section];
    for (unsigned i = 0; i < tab->count; i++) {
        if (tab->keys[i].required && !p->seen[i]) {
            p->line = p->section_line;
            return fail(p, "[%s] needs '%s'", section_names[p->section], tab->keys[i].name);
        }
    }
    return 0;
}

/* Makes room for one more element in a growable array (load time only). */
static void *grow(void *array, unsigned count, unsigned *cap, size_t elem)
{
    if (count < *cap)
        return array;
    unsigned ncap = *cap ? *cap * 2 : 8;
    void *n = realloc(array, (size_t)ncap * elem);
    if (n != NULL)
        *cap = ncap;
    return n;
}

static int open_section(parser *p, const char *name)
{
    scenario *sc = p->sc;
    memset(p->seen, 0, sizeof p->seen);
    p->section_line = p->line;
    if (strcmp(name, "system") == 0) {
        if (p->system_done)
            return fail(p, "[system] given twice");
        p->system_done = 1;
        p->section = SEC_SYSTEM;
        p->obj = sc;
    } else if (strcmp(name, "gpu") == 0) {
        if (sc->gpu_count == SIM_MAX_GPUS)
            return fail(p, "more than %d GPUs", SIM_MAX_GPUS);
        sim_gpu *g = &sc->gpus[sc->gpu_count];
        sim_gpu_defaults(g, sc->gpu_count);
        g->line = p->line;
        sc->gpu_count++;
        p->section = SEC_GPU;
        p->obj = g;
    } else if (strcmp(name, "mig") == 0) {
        sim_mig *m = grow(p->migs, p->mig_count, &p->mig_cap, sizeof *m);
        if (m == NULL)
            return fail(p, "out of memory");
        p->migs = m;
        m = &p->migs[p->mig_count++];
        memset(m, 0, sizeof *m);
        m->gpu_instance_id = SIM_NO_ID; /* defaults are chosen in finish.c */
        m->compute_instance_id = SIM_NO_ID;
        strcpy(m->profile, "1g.10gb");
        sim_expr_const(&m->v[MK_MEMORY_TOTAL], 10737418240.0); /* 10 GiB */
        for (unsigned k = 0; k < GPM_COUNT; k++)
            sim_expr_const(&m->gpm_v[k], 0);
        m->line = p->line;
        p->section = SEC_MIG;
        p->obj = m;
    } else if (strcmp(name, "process") == 0) {
        if (sc->proc_count == SIM_MAX_PROCESSES)
            return fail(p, "more than %d processes", SIM_MAX_PROCESSES);
        sim_proc *pr = grow(sc->procs, sc->proc_count, &p->proc_cap, sizeof *pr);
        if (pr == NULL)
            return fail(p, "out of memory");
        sc->procs = pr;
        pr = &sc->procs[sc->proc_count++];
        memset(pr, 0, sizeof *pr);
        pr->gpu_instance_id = SIM_NO_ID;
        pr->compute_instance_id = SIM_NO_ID;
        pr->line = p->line;
        p->section = SEC_PROCESS;
        p->obj = pr;
    } else if (strcmp(name, "event") == 0) {
        if (sc->event_count == SIM_MAX_EVENTS)
            return fail(p, "more than %d events", SIM_MAX_EVENTS);
        sim_event *e = grow(sc->events, sc->event_count, &p->event_cap, sizeof *e);
        if (e == NULL)
            return fail(p, "out of memory");
        sc->events = e;
        e = &sc->events[sc->event_count++];
        memset(e, 0, sizeof *e);
        e->gpu_instance_id = SIM_NO_ID;
        e->compute_instance_id = SIM_NO_ID;
        e->line = p->line;
        p->section = SEC_EVENT;
        p->obj = e;
    } else {
        return fail(p, "unknown section [%s] (system, gpu, mig, process, event)", name);
    }
    return 0;
}

/* Cuts a trailing comment ('#' outside double quotes) and surrounding blanks, in place. */
static char *clean_line(char *s)
{
    int quoted = 0;
    for (char *q = s; *q; q++) {
        if (*q == '"')
            quoted = !quoted;
        else if (*q == '#' && !quoted) {
            *q = '\0';
            break;
        }
    }
    while (isspace((unsigned char)*s))
        s++;
    char *end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        *--end = '\0';
    return s;
}

static int parse_line(parser *p, char *raw)
{
    char *s = clean_line(raw);
    if (*s == '\0')
        return 0;
    if (*s == '[') {
        char *close = strchr(s, ']');
        if (close == NULL || close[1] != '\0')
            return fail(p, "bad section header '%s'", s);
        *close = '\0';
        char *name = clean_line(s + 1);
        if (p->section != SEC_NONE && close_section(p) != 0)
            return -1;
        return open_section(p, name);
    }
    char *eq = strchr(s, '=');
    if (eq == NULL)
        return fail(p, "expected 'key = value' or '[section]', got '%s'", s);
    *eq = '\0';
    char *key = clean_line(s);
    char *value = clean_line(eq + 1);
    if (*key == '\0')
        return fail(p, "missing key before '='");
    if (p->section == SEC_NONE)
        return fail(p, "key '%s' outside a section", key);
    if (*value == '\0')
        return fail(p, "empty value for '%s'", key);
    return apply_key(p, key, value);
}

int sim_scenario_parse(scenario *sc, char *text, sim_mig **migs, unsigned *mig_count, char *err, size_t errlen)
{
    parser p = { .sc = sc, .err = err, .errlen = errlen };
    int rc = 0;
    char *line = text;
    while (rc == 0 && line != NULL) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        p.line++;
        rc = parse_line(&p, line);
        line = next;
    }
    if (rc == 0 && p.section != SEC_NONE)
        rc = close_section(&p);
    *migs = p.migs;
    *mig_count = p.mig_count;
    return rc;
}
