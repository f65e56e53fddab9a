/*
 * What happens after the scenario text has been read: defaults that depend on other keys,
 * checks that span sections (a [mig] or [process] naming a GPU declared anywhere in the
 * file), and indexing so that the API's getters never search (processes grouped by GPU,
 * events sorted by time).
 */
#include "sim.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail_at(const scenario *sc, unsigned line, char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int fail_at(const scenario *sc, unsigned line, char *err, size_t errlen, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(err, errlen, "scenario %s:%u: %s", sc->source, line, what);
    return -1;
}

int sim_gpu_set_pci(sim_gpu *g, const char *bus_id)
{
    unsigned domain, bus, device, function;
    int used = -1;
    for (const char *q = bus_id; *q; q++)
        if (!isxdigit((unsigned char)*q) && *q != ':' && *q != '.')
            return -1;
    if (sscanf(bus_id, "%8x:%2x:%2x.%1x%n", &domain, &bus, &device, &function, &used) != 4 ||
        used != (int)strlen(bus_id) || device > 0x1F || function > 7)
        return -1;
    g->pci_domain = domain;
    g->pci_bus = bus;
    g->pci_device = device;
    /* The driver's own formats (NVML_DEVICE_PCI_BUS_ID_FMT / _LEGACY_FMT), whatever the
     * spelling in the scenario; the function number is kept. */
    snprintf(g->bus_id, sizeof g->bus_id, "%08X:%02X:%02X.%X", domain, bus, device, function);
    snprintf(g->bus_id_legacy, sizeof g->bus_id_legacy, "%04X:%02X:%02X.%X", domain, bus, device, function);
    return 0;
}

void sim_gpu_defaults(sim_gpu *g, unsigned index)
{
    /* A plausible idle A100 40GB, so that a [gpu] with nothing but a name works. */
    static const struct {
        sim_gpu_key key;
        double value;
    } defaults[] = {
        { GK_MEMORY_TOTAL, 42949672960.0 },  /* 40 GiB */
        { GK_MEMORY_RESERVED, 536870912.0 }, /* 512 MiB */
        { GK_TEMPERATURE, 35 },
        { GK_POWER_USAGE, 50000 },           /* mW */
        { GK_POWER_LIMIT, 400000 },          /* mW */
        { GK_CLOCK_SM, 1410 },
        { GK_CLOCK_MEM, 1215 },
        { GK_CLOCK_VIDEO, 1275 },
        /* Every PCIe GPU since Fermi reports its link; an A100 has a Gen4 x16 one. */
        { GK_PCIE_LINK_MAX_GEN, 4 },
        { GK_PCIE_LINK_MAX_WIDTH, 16 },
    };
    char bus[32];

    memset(g, 0, sizeof *g);
    g->index = index;
    strcpy(g->name, "NVIDIA Simulated GPU");
    snprintf(g->uuid, sizeof g->uuid, "GPU-00000000-0000-0000-0000-%012x", index);
    g->minor = index;
    snprintf(bus, sizeof bus, "00000000:%02X:00.0", (index + 1) & 0xFF);
    sim_gpu_set_pci(g, bus);
    g->pci_device_id = 0x20B010DE;     /* A100 SXM4 40GB */
    g->pci_subsystem_id = 0x134F10DE;
    g->sample_period_ms = 1000;
    for (unsigned k = 0; k < GK_COUNT; k++)
        sim_expr_const(&g->v[k], 0);
    for (unsigned k = 0; k < GPM_COUNT; k++)
        sim_expr_const(&g->gpm_v[k], 0);
    for (unsigned i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
        sim_expr_const(&g->v[defaults[i].key], defaults[i].value);
    /* Energy is a counter: by default it grows at the default power (50 W = 50000 mJ/s). */
    g->v[GK_ENERGY].kind = EXPR_RAMP;
    g->v[GK_ENERGY].exact = 0;
    g->v[GK_ENERGY].a = 0;
    g->v[GK_ENERGY].b = 50000;
    g->lost_after = SIM_NEVER;
    g->recover_after = SIM_NEVER;
    g->hang_after = 0;
    g->hang_times = SIM_NEVER;
    g->hang_seconds = 3600;
}

/* A key not given defaults to another key's value (clock_graphics -> clock_sm, ...). */
static int alias(sim_gpu *g, sim_gpu_key key, sim_gpu_key from)
{
    if (g->given[key])
        return 0;
    sim_expr_free(&g->v[key]);
    return sim_expr_copy(&g->v[key], &g->v[from]);
}

static int attach_migs(scenario *sc, sim_mig *migs, unsigned mig_count, char *err, size_t errlen)
{
    for (unsigned i = 0; i < mig_count; i++) {
        sim_mig *m = &migs[i];
        if (m->gpu >= sc->gpu_count)
            return fail_at(sc, m->line, err, errlen, "[mig] gpu = %u: no such GPU (the scenario has %u)",
                           m->gpu, sc->gpu_count);
        sim_gpu *g = &sc->gpus[m->gpu];
        if (g->mig_mode != 1)
            return fail_at(sc, m->line, err, errlen, "[mig] on GPU %u, which does not have mig_mode = 1", m->gpu);
        if (g->mig_count == SIM_MAX_MIG_PER_GPU)
            return fail_at(sc, m->line, err, errlen, "more than %d MIG devices on GPU %u", SIM_MAX_MIG_PER_GPU,
                           m->gpu);
        m->index = g->mig_count;
        if (m->gpu_instance_id == SIM_NO_ID)
            m->gpu_instance_id = m->index + 1;
        if (m->compute_instance_id == SIM_NO_ID)
            m->compute_instance_id = 0;
        for (unsigned j = 0; j < g->mig_count; j++)
            if (g->mig[j].gpu_instance_id == m->gpu_instance_id &&
                g->mig[j].compute_instance_id == m->compute_instance_id)
                return fail_at(sc, m->line, err, errlen,
                               "GPU %u already has a MIG device with gpu_instance_id %u, compute_instance_id %u",
                               m->gpu, m->gpu_instance_id, m->compute_instance_id);
        if (m->uuid[0] == '\0')
            snprintf(m->uuid, sizeof m->uuid, "MIG-00000000-0000-0000-%04x-%012x", m->gpu, m->index);
        /* What the driver calls a MIG device: "<parent name> MIG <profile>". */
        snprintf(m->name, sizeof m->name, "%s MIG %s", g->name, m->profile);
        g->mig[g->mig_count++] = *m;
        memset(m->v, 0, sizeof m->v); /* moved: the parser must not free them */
        memset(m->gpm_v, 0, sizeof m->gpm_v);
    }
    return 0;
}

static int by_gpu(const void *a, const void *b)
{
    const sim_proc *x = a, *y = b;
    if (x->gpu != y->gpu)
        return x->gpu < y->gpu ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

static int by_time(const void *a, const void *b)
{
    const sim_event *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

static int check_processes(scenario *sc, char *err, size_t errlen)
{
    for (unsigned i = 0; i < sc->proc_count; i++) {
        sim_proc *p = &sc->procs[i];
        if (p->gpu >= sc->gpu_count)
            return fail_at(sc, p->line, err, errlen, "[process] gpu = %u: no such GPU (the scenario has %u)",
                           p->gpu, sc->gpu_count);
        int has_gi = p->gpu_instance_id != SIM_NO_ID, has_ci = p->compute_instance_id != SIM_NO_ID;
        if (!has_gi && !has_ci)
            continue;
        sim_gpu *g = &sc->gpus[p->gpu];
        if (g->mig_mode != 1)
            return fail_at(sc, p->line, err, errlen,
                           "[process] names a MIG instance but GPU %u does not have mig_mode = 1", p->gpu);
        if (has_gi != has_ci)
            return fail_at(sc, p->line, err, errlen,
                           "[process] needs both gpu_instance_id and compute_instance_id, or neither");
        unsigned j;
        for (j = 0; j < g->mig_count; j++)
            if (g->mig[j].gpu_instance_id == p->gpu_instance_id &&
                g->mig[j].compute_instance_id == p->compute_instance_id)
                break;
        if (j == g->mig_count)
            return fail_at(sc, p->line, err, errlen,
                           "[process] gpu_instance_id %u, compute_instance_id %u: no such [mig] on GPU %u",
                           p->gpu_instance_id, p->compute_instance_id, p->gpu);
    }
    /* Group by GPU (keeping file order within a GPU) so a list call walks only its GPU. */
    if (sc->proc_count > 1)
        qsort(sc->procs, sc->proc_count, sizeof *sc->procs, by_gpu);
    for (unsigned i = 0; i < sc->proc_count; i++) {
        sim_gpu *g = &sc->gpus[sc->procs[i].gpu];
        if (g->proc_count == 0)
            g->proc_first = i;
        g->proc_count++;
    }
    return 0;
}

static int check_uuids(scenario *sc, char *err, size_t errlen)
{
    const char *seen[SIM_MAX_GPUS + SIM_MAX_MIGS];
    unsigned lines[SIM_MAX_GPUS + SIM_MAX_MIGS];
    unsigned n = 0;
    for (unsigned i = 0; i < sc->gpu_count; i++) {
        sim_gpu *g = &sc->gpus[i];
        seen[n] = g->uuid;
        lines[n++] = g->line;
        for (unsigned m = 0; m < g->mig_count; m++) {
            seen[n] = g->mig[m].uuid;
            lines[n++] = g->mig[m].line;
        }
    }
    for (unsigned i = 1; i < n; i++)
        for (unsigned j = 0; j < i; j++)
            if (strcmp(seen[i], seen[j]) == 0)
                return fail_at(sc, lines[i], err, errlen, "duplicate uuid '%s' (also at line %u)", seen[i],
                               lines[j]);
    return 0;
}

int sim_scenario_finish(scenario *sc, sim_mig *migs, unsigned mig_count, char *err, size_t errlen)
{
    for (unsigned i = 0; i < sc->gpu_count; i++) {
        sim_gpu *g = &sc->gpus[i];
        /* A link not said to run slower runs at its maximum, so giving only the maximum describes a
         * healthy link of another kind (a Gen5 H100, a T4 at Gen3). */
        if (alias(g, GK_CLOCK_GRAPHICS, GK_CLOCK_SM) || alias(g, GK_ECC_CORRECTED_VOLATILE, GK_ECC_CORRECTED) ||
            alias(g, GK_ECC_UNCORRECTED_VOLATILE, GK_ECC_UNCORRECTED) ||
            alias(g, GK_PCIE_LINK_GEN, GK_PCIE_LINK_MAX_GEN) || alias(g, GK_PCIE_LINK_WIDTH, GK_PCIE_LINK_MAX_WIDTH)) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        if (g->recover_after != SIM_NEVER && g->lost_after == SIM_NEVER)
            return fail_at(sc, g->line, err, errlen, "[gpu] has recover_after_calls without lost_after_calls");
    }
    if (attach_migs(sc, migs, mig_count, err, errlen) != 0)
        return -1;
    if (check_processes(sc, err, errlen) != 0)
        return -1;
    for (unsigned i = 0; i < sc->event_count; i++)
        if (sc->events[i].gpu >= sc->gpu_count)
            return fail_at(sc, sc->events[i].line, err, errlen, "[event] gpu = %u: no such GPU (the scenario has %u)",
                           sc->events[i].gpu, sc->gpu_count);
    if (sc->event_count > 1)
        qsort(sc->events, sc->event_count, sizeof *sc->events, by_time);
    return check_uuids(sc, err, errlen);
}
