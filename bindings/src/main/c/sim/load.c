/*
 * Scenario life cycle: reading the file, parsing it (scenario.c), finishing it (finish.c),
 * and freeing it at shutdown.
 */
#include "sim.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(err, errlen, "scenario %s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 8192, len = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        len += fread(buf + len, 1, cap - 1 - len, f);
        if (len < cap - 1)
            break;
        char *n = realloc(buf, cap * 2);
        if (n == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = n;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (buf == NULL || bad) {
        snprintf(err, errlen, "scenario %s: cannot read", path);
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    if (memchr(buf, '\0', len) != NULL) {
        snprintf(err, errlen, "scenario %s: not a text file", path);
        free(buf);
        return NULL;
    }
    return buf;
}

scenario *sim_scenario_load(const char *path, const char *text, const char *source, char *err, size_t errlen)
{
    char *buf = path ? read_file(path, err, errlen) : strdup(text);
    if (buf == NULL) {
        if (!path)
            snprintf(err, errlen, "out of memory");
        return NULL;
    }
    scenario *sc = calloc(1, sizeof *sc);
    if (sc == NULL) {
        free(buf);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    snprintf(sc->source, sizeof sc->source, "%s", path ? path : source);
    strcpy(sc->driver_version, "535.261.03");
    strcpy(sc->nvml_version, "12.535.261.03");
    sc->cuda_driver_version = 12020;
    sc->init_error = NVML_ERROR_DRIVER_NOT_LOADED;

    sim_mig *migs = NULL;
    unsigned mig_count = 0;
    int rc = sim_scenario_parse(sc, buf, &migs, &mig_count, err, errlen);
    if (rc == 0)
        rc = sim_scenario_finish(sc, migs, mig_count, err, errlen);
    /* finish.c moved the [mig] sections it accepted into their GPUs (leaving empty
     * expressions behind); whatever is left here belongs to a failed load. */
    for (unsigned i = 0; i < mig_count; i++) {
        for (unsigned k = 0; k < MK_COUNT; k++)
            sim_expr_free(&migs[i].v[k]);
        for (unsigned k = 0; k < GPM_COUNT; k++)
            sim_expr_free(&migs[i].gpm_v[k]);
    }
    free(migs);
    free(buf);
    if (rc != 0) {
        sim_scenario_free(sc);
        return NULL;
    }
    return sc;
}

void sim_scenario_free(scenario *sc)
{
    if (sc == NULL)
        return;
    for (unsigned i = 0; i < sc->gpu_count; i++) {
        sim_gpu *g = &sc->gpus[i];
        for (unsigned k = 0; k < GK_COUNT; k++)
            sim_expr_free(&g->v[k]);
        for (unsigned k = 0; k < GPM_COUNT; k++)
            sim_expr_free(&g->gpm_v[k]);
        for (unsigned m = 0; m < g->mig_count; m++) {
            for (unsigned k = 0; k < MK_COUNT; k++)
                sim_expr_free(&g->mig[m].v[k]);
            for (unsigned k = 0; k < GPM_COUNT; k++)
                sim_expr_free(&g->mig[m].gpm_v[k]);
        }
    }
    for (unsigned i = 0; i < sc->proc_count; i++)
        for (unsigned k = 0; k < PK_COUNT; k++)
            sim_expr_free(&sc->procs[i].v[k]);
    free(sc->procs);
    free(sc->events);
    free(sc);
}
