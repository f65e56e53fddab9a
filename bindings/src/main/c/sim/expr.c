/*
 * Value expressions: how a scenario makes a reading move over time.
 *
 *   42, 0x24, 12.5          a constant
 *   sine(min, max, period)  min + (max-min) * (1 + sin(2*pi*t/period)) / 2
 *   ramp(start, per_second) start + per_second * t       (counters such as energy)
 *   cycle(period, v1, ...)  v_k during the k-th period, repeating
 *
 * t is seconds since the scenario was loaded. Arguments are plain numbers (no nesting):
 * scenarios should stay readable, and anything fancier belongs in a test of its own.
 * Integer literals are also kept exactly (a double is exact only up to 2^53), so 64-bit
 * bitmasks and byte counts given as constants come back bit for bit.
 */
#include "sim.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIM_PI 3.14159265358979323846

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Parses one number at *s, advancing it. Integer literals (decimal or 0x hex, no sign) are
 * also returned exactly in *exact_value with *is_exact = 1. Returns 0 or -1. */
static int parse_number(const char **s, double *value, unsigned long long *exact_value, int *is_exact)
{
    const char *p = skip_space(*s);
    char *end = NULL;
    *is_exact = 0;

    if (isdigit((unsigned char)p[0])) {
        int hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
        const char *q = hex ? p + 2 : p;
        int digits = 0;
        while (hex ? isxdigit((unsigned char)*q) : isdigit((unsigned char)*q)) {
            q++;
            digits++;
        }
        /* A pure integer literal: nothing number-like follows it. */
        if (digits > 0 && *q != '.' && *q != 'e' && *q != 'E' && *q != 'p' && *q != 'P') {
            errno = 0;
            unsigned long long u = strtoull(p, &end, hex ? 16 : 10);
            if (errno == ERANGE || end != q)
                return -1;
            *exact_value = u;
            *is_exact = 1;
            *value = (double)u;
            *s = end;
            return 0;
        }
        if (hex)
            return -1; /* hex floats are not part of the format */
    }
    if (!(isdigit((unsigned char)p[0]) || p[0] == '-' || p[0] == '+' || p[0] == '.'))
        return -1; /* keeps strtod from accepting "inf", "nan" and friends */
    errno = 0;
    double d = strtod(p, &end);
    if (end == p || errno == ERANGE || !isfinite(d))
        return -1;
    *value = d;
    *s = end;
    return 0;
}

void sim_expr_const(sim_expr *e, double v)
{
    memset(e, 0, sizeof *e);
    e->kind = EXPR_CONST;
    e->a = v;
    if (v >= 0 && v <= 9007199254740992.0 && v == floor(v)) {
        e->exact = 1;
        e->u = (unsigned long long)v;
    }
}

int sim_expr_parse(const char *text, sim_expr *out, char *err, size_t errlen)
{
    const char *s = skip_space(text);
    double args[SIM_MAX_CYCLE_VALUES + 1];
    unsigned nargs = 0;
    char fname[16];
    size_t flen = 0;

    memset(out, 0, sizeof *out);

    if (isalpha((unsigned char)*s)) {
        while (isalpha((unsigned char)s[flen]) && flen < sizeof fname - 1) {
            fname[flen] = s[flen];
            flen++;
        }
        fname[flen] = '\0';
        s = skip_space(s + flen);
        if (*s != '(') {
            snprintf(err, errlen, "bad expression '%s': expected a number or sine(...), ramp(...), cycle(...)", text);
            return -1;
        }
        s++;
        for (;;) {
            unsigned long long u;
            int exact;
            if (nargs == sizeof args / sizeof args[0]) {
                snprintf(err, errlen, "bad expression '%s': more than %d arguments", text, SIM_MAX_CYCLE_VALUES + 1);
                return -1;
            }
            if (parse_number(&s, &args[nargs], &u, &exact) != 0) {
                snprintf(err, errlen, "bad expression '%s': argument %u is not a number", text, nargs + 1);
                return -1;
            }
            nargs++;
            s = skip_space(s);
            if (*s == ',') {
                s++;
                continue;
            }
            if (*s == ')') {
                s++;
                break;
            }
            snprintf(err, errlen, "bad expression '%s': expected ',' or ')'", text);
            return -1;
        }
        if (*skip_space(s) != '\0') {
            snprintf(err, errlen, "bad expression '%s': unexpected text after ')'", text);
            return -1;
        }
        if (strcmp(fname, "sine") == 0) {
            if (nargs != 3 || args[2] <= 0) {
                snprintf(err, errlen, "bad expression '%s': sine(min, max, period_s) with period_s > 0", text);
                return -1;
            }
            out->kind = EXPR_SINE;
            out->a = args[0];
            out->b = args[1];
            out->c = args[2];
            return 0;
        }
        if (strcmp(fname, "ramp") == 0) {
            if (nargs != 2) {
                snprintf(err, errlen, "bad expression '%s': ramp(start, per_second)", text);
                return -1;
            }
            out->kind = EXPR_RAMP;
            out->a = args[0];
            out->b = args[1];
            return 0;
        }
        if (strcmp(fname, "cycle") == 0) {
            if (nargs < 2 || args[0] <= 0) {
                snprintf(err, errlen, "bad expression '%s': cycle(period_s, v1, v2, ...) with period_s > 0", text);
                return -1;
            }
            out->vals = malloc((nargs - 1) * sizeof(double));
            if (out->vals == NULL) {
                snprintf(err, errlen, "out of memory");
                return -1;
            }
            memcpy(out->vals, args + 1, (nargs - 1) * sizeof(double));
            out->kind = EXPR_CYCLE;
            out->a = args[0];
            out->n = nargs - 1;
            return 0;
        }
        snprintf(err, errlen, "bad expression '%s': unknown function '%s' (sine, ramp, cycle)", text, fname);
        return -1;
    }

    unsigned long long u;
    int exact;
    double d;
    if (parse_number(&s, &d, &u, &exact) != 0 || *skip_space(s) != '\0') {
        snprintf(err, errlen, "bad number '%s'", text);
        return -1;
    }
    sim_expr_const(out, d);
    if (exact) {
        out->exact = 1;
        out->u = u;
    }
    return 0;
}

int sim_expr_copy(sim_expr *dst, const sim_expr *src)
{
    *dst = *src;
    if (src->kind == EXPR_CYCLE) {
        dst->vals = malloc(src->n * sizeof(double));
        if (dst->vals == NULL)
            return -1;
        memcpy(dst->vals, src->vals, src->n * sizeof(double));
    }
    return 0;
}

void sim_expr_free(sim_expr *e)
{
    free(e->vals);
    e->vals = NULL;
    e->n = 0;
}

double sim_expr_eval(const sim_expr *e, double t)
{
    switch (e->kind) {
    case EXPR_SINE:
        return e->a + (e->b - e->a) * (1.0 + sin(2.0 * SIM_PI * t / e->c)) / 2.0;
    case EXPR_RAMP:
        return e->a + e->b * t;
    case EXPR_CYCLE: {
        double k = floor(t / e->a);
        if (k < 0)
            k = 0;
        return e->vals[(unsigned long long)k % e->n];
    }
    case EXPR_CONST:
    default:
        return e->a;
    }
}

unsigned long long sim_u64(const sim_expr *e, double t)
{
    if (e->kind == EXPR_CONST && e->exact)
        return e->u;
    double v = sim_expr_eval(e, t);
    if (!(v > 0)) /* also NaN */
        return 0;
    if (v >= 18446744073709551615.0)
        return UINT64_MAX;
    return (unsigned long long)v; /* truncates toward zero */
}

unsigned int sim_u32(const sim_expr *e, double t)
{
    unsigned long long v = sim_u64(e, t);
    return v > 0xFFFFFFFFull ? 0xFFFFFFFFu : (unsigned int)v;
}
